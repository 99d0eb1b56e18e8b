// Small line icons for the sidebar, drawn on a 20×20 grid so they share stroke and weight.
const paths: Record<string, string> = {
  home: "M3 9.5 10 3l7 6.5M5 8v9h4v-5h2v5h4V8",
  agents: "M10 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-6 7c.6-3 3-4.5 6-4.5s5.4 1.5 6 4.5",
  timeline: "M3 5h7M6 10h9M4 15h6M3 3v14",
  traces: "M3 4h14M3 8h14M3 12h14M3 16h9",
  workflows: "M4 5h4v4H4zM12 11h4v4h-4zM8 7h2a2 2 0 0 1 2 2v4",
  metrics: "M3 17h14M5 14V9M9 14V5M13 14v-3M17 14V7",
  graph:
    "M5 5m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M15 6m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M9 15m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M7 5.5l6 .5M6 7l2.5 6M14 8l-4 5.5",
  patterns: "M3 4h5v5H3zM12 4h5v5h-5zM3 12h5v5H3zM12 12h5v5h-5z",
  health: "M2 10h4l2-5 4 10 2-5h4",
  alerts: "M10 3a5 5 0 0 0-5 5v4l-2 3h14l-2-3V8a5 5 0 0 0-5-5ZM8 17a2 2 0 0 0 4 0",
  access: "M7 12a4 4 0 1 1 3.5-2H18v3h-2v2h-3v-2h-2.5A4 4 0 0 1 7 12Zm-1-4h.01",
  integrations: "M7 3v4M13 3v4M5 7h10v3a5 5 0 0 1-10 0zM10 15v3",
  graphiql: "M10 2l7 4v8l-7 4-7-4V6zM10 2v16M3 6l14 8M17 6 3 14",
  docs: "M5 2h7l4 4v12H5zM12 2v4h4M8 10h5M8 13h5",
};

export function NavIcon({ name }: { name: string }) {
  return (
    <svg className="nav-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={paths[name] ?? ""} />
    </svg>
  );
}
