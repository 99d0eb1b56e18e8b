// The first screen and the empty states in Chromium: `/` opens the home page (what Baton is, live
// counts linking to their pages, three ways to get data in), its commands are exactly the ones this
// server takes — a test copies the curl from the page and runs it in a shell, then sees the execution
// on the page — and every empty state whose data comes from outside shows its command, exactly.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Page } from "playwright-core";
import { describe, expect, location, poll, test, UI_TIMEOUT_MS } from "../testkit/browser.js";
import { uniqueName } from "../testkit/factories.js";
import type { RestClient } from "../testkit/rest.js";
import { startTestServer } from "../testkit/server.js";
import { waitForRun } from "../testkit/workflows.js";

const sh = promisify(execFile);

/** Runs a command line as a user pasting it into a shell would; its stdout parsed as JSON. */
async function runInShell<T>(command: string, env: Record<string, string> = {}): Promise<T> {
  const { stdout } = await sh("sh", ["-c", command], { env: { ...process.env, ...env }, timeout: 10_000 });
  return JSON.parse(stdout) as T;
}

/** The text of the command block named `label` (its figure's accessible name). */
function command(page: Page, label: string) {
  return page.getByRole("figure", { name: label }).getByTestId("command").textContent();
}

async function copyCommand(page: Page, label: string): Promise<string> {
  await page
    .getByRole("figure", { name: label })
    .getByRole("button", { name: `Copy command to ${label}` })
    .click();
  return page.evaluate(() => navigator.clipboard.readText());
}

const counts = (page: Page) =>
  Promise.all(["home-agents", "home-executions", "home-runs"].map((id) => page.getByTestId(id).textContent()));

const executionsOf = async (api: RestClient, runId: string) =>
  (await api.get<{ executions: { id: string }[] }>("/executions", { workflow_run: runId, limit: 1000 })).body.executions
    .length;

describe("the home page", () => {
  test("`/` opens it: what Baton is, the counts, and commands for this server that work when pasted", async ({
    page,
    server,
    api,
  }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/");
    await page.waitForURL("**/ui/");
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Baton");
    await poll(() => page.title()).toBe("Home · Baton");
    await expect(page.locator(".page-subtitle").textContent()).resolves.toMatch(
      /^Baton records what your AI coding agents do/,
    );
    // A fresh server: the 8 seeded agents, nothing recorded or run yet.
    await poll(() => counts(page)).toEqual(["8agents", "0executions", "0workflow runs"]);

    // The exact commands: this server's address, no token (loopback, authentication off).
    const url = server.url;
    const record = `curl -X POST ${url}/executions -H 'content-type: application/json' -d '{"agent_name":"TestAgent","status":"success","duration_ms":1200,"inputs":{"task":"hello from curl"}}'`;
    const hooks = `npm run baton -- hooks install /path/to/your/repo --url ${url}`;
    const run = `curl -X POST ${url}/workflows/tdd-cycle/execute -H 'content-type: application/json' -d '{"task":"GET /health answers ok"}'`;
    await expect(command(page, "record an execution")).resolves.toBe(record);
    await expect(command(page, "install the Claude Code hooks")).resolves.toBe(hooks);
    await expect(command(page, "run a workflow")).resolves.toBe(run);
    await expect(page.getByText("This Baton asks for API tokens").count()).resolves.toBe(0);

    // Copy the curl from the page and run it: the execution is recorded, and the page counts it live.
    const copied = await copyCommand(page, "record an execution");
    expect(copied).toBe(record);
    const recorded = await runInShell<{ id: string; agent_name: string; status: string; inputs: unknown }>(copied);
    expect(recorded).toMatchObject({ agent_name: "TestAgent", status: "success", inputs: { task: "hello from curl" } });
    await poll(() => counts(page)).toEqual(["8agents", "1executions", "0workflow runs"]);
    // …and its count leads to it.
    await page.getByTestId("home-executions").click();
    await page.waitForURL("**/ui/traces");
    await poll(() =>
      page
        .getByTestId("traces-table")
        .locator("tbody tr")
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-trace-id"))),
    ).toEqual([recorded.id]);

    // The workflow command starts a run of the TDD cycle; the page counts the run and its executions.
    await page.goto("/ui/");
    const started = await runInShell<{ id: string; status: string }>(await copyCommand(page, "run a workflow"));
    const finished = await waitForRun(api, started.id);
    expect(finished.status).toBe("succeeded");
    const runExecutions = await executionsOf(api, started.id);
    expect(runExecutions).toBeGreaterThan(0);
    await poll(() => counts(page)).toEqual(["8agents", `${1 + runExecutions}executions`, "1workflow runs"]);
    await page.getByTestId("home-runs").click();
    await poll(() => location(page)).toBe("/ui/workflows");
  });

  test("the sidebar's Home and the brand lead to it", async ({ page }) => {
    await page.goto("/ui/agents");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
    await poll(() => location(page)).toBe("/ui");
    await page.getByRole("heading", { name: "Get data in" }).waitFor();
    await page.goto("/ui/metrics");
    await page.getByRole("link", { name: "Baton home" }).click();
    await poll(() => location(page)).toBe("/ui");
  });
});

describe("empty states show the command for their page", () => {
  test("timeline, metrics, graph and traces: the command that records what they would show", async ({
    page,
    server,
    api,
  }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const url = server.url;
    const record = `curl -X POST ${url}/executions -H 'content-type: application/json' -d '{"agent_name":"TestAgent","status":"success","duration_ms":1200,"inputs":{"task":"hello from curl"}}'`;
    const tree = `ID=tree-$(date +%s%N); curl -X POST ${url}/executions -H 'content-type: application/json' -d '[{"id":"'"$ID"'","agent_name":"TestAgent","status":"success","duration_ms":3000},{"agent_name":"CodeAgent","status":"success","duration_ms":1500,"parent_execution_id":"'"$ID"'"}]'`;
    const empty = "start_date=2001-01-01&end_date=2001-01-02";

    await page.goto(`/ui/timeline?${empty}`);
    await poll(() => page.locator(".empty-state strong").textContent()).toBe("No executions in this range");
    await expect(command(page, "record an execution")).resolves.toBe(record);

    await page.goto(`/ui/metrics?${empty}`);
    await poll(() => page.locator(".empty-state strong").textContent()).toBe("No executions in this range");
    await expect(command(page, "record an execution")).resolves.toBe(record);

    await page.goto(`/ui/graph?${empty}`);
    await poll(() => page.locator(".empty-state strong").textContent()).toBe("No executions in this range");
    await expect(command(page, "record a handoff")).resolves.toBe(tree);

    await page.goto("/ui/traces?execution=no-such-execution-anywhere");
    await poll(() => page.locator(".empty-state strong").textContent()).toBe("No traces match");
    await expect(command(page, "record a handoff tree")).resolves.toBe(tree);
    // Run twice, it records two trees, each TestAgent → CodeAgent.
    const copied = await copyCommand(page, "record a handoff tree");
    const first = await runInShell<{ count: number; ids: string[] }>(copied);
    const second = await runInShell<{ count: number; ids: string[] }>(copied);
    for (const batch of [first, second]) {
      expect(batch.count).toBe(2);
      expect(batch.ids[0]).toMatch(/^tree-\d+$/);
      const child = await api.get<{ agent_name: string; parent_execution_id: string }>(`/executions/${batch.ids[1]}`);
      expect(child.body).toMatchObject({ agent_name: "CodeAgent", parent_execution_id: batch.ids[0] });
    }
    expect(first.ids[0]).not.toBe(second.ids[0]);
  });

  test("an agent without executions and the runs list", async ({ page, server, api }) => {
    const url = server.url;
    const name = uniqueName("EmptyAgent");
    expect((await api.post("/agents", { name, runner: { kind: "mock", settings: {} } })).status).toBe(201);
    await page.goto(`/ui/agents/${name}`);
    await poll(() => page.getByTestId("agent-record").locator(".empty-state strong").textContent()).toBe(
      "No executions yet",
    );
    await expect(command(page, "record an execution")).resolves.toBe(
      `curl -X POST ${url}/executions -H 'content-type: application/json' -d '{"agent_name":"${name}","status":"success","duration_ms":1200,"inputs":{"task":"hello from curl"}}'`,
    );

    await page.goto("/ui/workflows?status=cancelled");
    await poll(() => page.locator(".empty-state strong").textContent()).toBe("No runs with these statuses");
    await expect(command(page, "run a workflow")).resolves.toBe(
      `curl -X POST ${url}/workflows/tdd-cycle/execute -H 'content-type: application/json' -d '{"task":"GET /health answers ok"}'`,
    );
  });

  test("a Baton without agents: the registry and the health page show the command that registers one", async ({
    browser,
  }) => {
    const bare = await startTestServer({ seed: "off" });
    const context = await browser.newContext({ baseURL: bare.url });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      const register = `curl -X POST ${bare.url}/agents -H 'content-type: application/json' -d '{"name":"HelloAgent","capabilities":["testing"],"runner":{"kind":"mock","settings":{"latency_ms":200}}}'`;
      await page.goto("/ui/agents");
      await poll(() => page.locator(".empty-state strong").textContent()).toBe("No agents registered");
      await expect(command(page, "register an agent")).resolves.toBe(register);
      await page.goto("/ui/health");
      await poll(() => page.locator(".empty-state strong").textContent()).toBe("No agents registered");
      await expect(command(page, "register an agent")).resolves.toBe(register);
      const created = await runInShell<{ name: string; runner: { kind: string } }>(register);
      expect(created).toMatchObject({ name: "HelloAgent", runner: { kind: "mock" } });
      await page.goto("/ui/agents");
      await poll(() => page.getByTestId("agent-count").textContent()).toBe("1 agent registered");
    } finally {
      await context.close();
      await bare.stop();
    }
  });
});
