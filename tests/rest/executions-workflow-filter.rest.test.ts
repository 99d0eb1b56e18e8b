// The `workflow` filter of GET /executions, /executions/timeline and /executions/graph names a
// template by its id or by its name (what a person knows, and what the dashboard puts in its URLs):
// both give the same answer, exactly the executions recorded under that template. An execution
// names its template (GraphQL `workflow`) while the template exists.
import { uniqueName } from "../testkit/factories.js";
import {
  type ExecutionBody,
  idTree,
  iso,
  type RestExecutionList,
  type RestGraph,
  type RestRecorded,
  type RestTimeline,
  uniqueExecutionId,
  uniqueWindow,
} from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { getOk } from "../testkit/rest.js";
import { createWorkflow, registerMockAgent } from "../testkit/workflows.js";

describe("the workflow filter", () => {
  test("takes a template's name as well as its id: the list, the timeline and the graph agree", async ({ api }) => {
    const workflow = await createWorkflow(api, { steps: [{ id: "only", agent: await registerMockAgent(api) }] });
    const other = await createWorkflow(api, { steps: [{ id: "only", agent: await registerMockAgent(api) }] });
    const [planner, coder] = [uniqueName("WfPlanner"), uniqueName("WfCoder")];
    const start = uniqueWindow();
    const at = (minutes: number) => iso(start + minutes * 60_000);
    const ids = Array.from({ length: 5 }, (_, i) => uniqueExecutionId(`wff-${i}`));
    const [root, child, grandchild, outside, elsewhere] = ids as [string, string, string, string, string];
    const body: ExecutionBody[] = [
      { id: root, agent_name: planner, status: "success", timestamp: at(0), workflow_id: workflow.id },
      {
        id: child,
        agent_name: coder,
        status: "failure",
        timestamp: at(1),
        parent_execution_id: root,
        workflow_id: workflow.id,
      },
      {
        id: grandchild,
        agent_name: planner,
        status: "success",
        timestamp: at(2),
        parent_execution_id: child,
        workflow_id: workflow.id,
      },
      { id: outside, agent_name: planner, status: "success", timestamp: at(3) },
      { id: elsewhere, agent_name: coder, status: "success", timestamp: at(4), workflow_id: other.id },
    ];
    const res = await api.post<RestRecorded>("/executions", body);
    expect(res.status, res.text).toBe(201);

    for (const workflowParam of [workflow.name, workflow.id]) {
      const q = { workflow: workflowParam };
      const list = await getOk<RestExecutionList>(api, "/executions", { ...q, sort: "timestamp_asc" });
      expect(list.executions.map((e) => e.id)).toEqual([root, child, grandchild]);
      const timeline = await getOk<RestTimeline>(api, "/executions/timeline", q);
      expect(timeline.roots.map(idTree)).toEqual([[root, [[child, [[grandchild, []]]]]]]);
      const graph = await getOk<RestGraph>(api, "/executions/graph", q);
      expect(graph.nodes.map((n) => [n.agent_name, n.execution_count]).sort()).toEqual(
        [
          [planner, 2],
          [coder, 1],
        ].sort(),
      );
      expect(graph.edges.map((e) => [e.source, e.target, e.count, e.success_count, e.failure_count]).sort()).toEqual(
        [
          [planner, coder, 1, 0, 1],
          [coder, planner, 1, 1, 0],
        ].sort(),
      );
    }

    // The other template, by name, has only its own execution; a name no template has matches nothing.
    const theOther = await getOk<RestExecutionList>(api, "/executions", { workflow: other.name });
    expect(theOther.executions.map((e) => e.id)).toEqual([elsewhere]);
    const nobody = uniqueName("no-such-workflow");
    expect((await getOk<RestExecutionList>(api, "/executions", { workflow: nobody })).total).toBe(0);
    expect((await getOk<RestTimeline>(api, "/executions/timeline", { workflow: nobody })).roots).toEqual([]);
    expect(await getOk<RestGraph>(api, "/executions/graph", { workflow: nobody })).toEqual({ nodes: [], edges: [] });
  });

  test("an execution names the template it ran under (GraphQL), while the template exists", async ({
    api,
    graphql,
  }) => {
    const workflow = await createWorkflow(api, { steps: [{ id: "only", agent: await registerMockAgent(api) }] });
    const [under, gone, none] = ["under", "gone", "none"].map((k) => uniqueExecutionId(`wfn-${k}`)) as [
      string,
      string,
      string,
    ];
    const start = uniqueWindow();
    const body: ExecutionBody[] = [
      { id: under, agent_name: "TestAgent", status: "success", timestamp: iso(start), workflow_id: workflow.id },
      { id: gone, agent_name: "TestAgent", status: "success", timestamp: iso(start + 1), workflow_id: "wf-deleted" },
      { id: none, agent_name: "TestAgent", status: "success", timestamp: iso(start + 2) },
    ];
    expect((await api.post<RestRecorded>("/executions", body)).status).toBe(201);
    const { executions } = await graphql.query<{
      executions: { nodes: { id: string; workflowId: string | null; workflow: { name: string } | null }[] };
    }>(
      `query($start: DateOrDateTime!) { executions(startDate: $start, sort: TIMESTAMP_ASC) {
        nodes { id workflowId workflow { name } } } }`,
      { start: iso(start) },
    );
    expect(executions.nodes.filter((e) => [under, gone, none].includes(e.id))).toEqual([
      { id: under, workflowId: workflow.id, workflow: { name: workflow.name } },
      { id: gone, workflowId: "wf-deleted", workflow: null },
      { id: none, workflowId: null, workflow: null },
    ]);
  });
});
