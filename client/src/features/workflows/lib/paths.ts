// Dashboard paths of templates (by id or name: the page accepts either) and runs.
export const workflowPath = (idOrName: string) => `/workflows/${encodeURIComponent(idOrName)}`;
export const runPath = (id: string) => `/workflows/runs/${encodeURIComponent(id)}`;
