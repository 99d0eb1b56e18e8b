// Serena memory (docs/serena.md) against a real Baton: real workflow runs whose steps are real
// processes (command agents running node, a stand-in `claude` executable) write every handoff to
// .serena/memories/baton/handoffs/<run>/<step>.md and read memories back into later steps, while
// .serena/project.yml's ignored and read-only patterns hold and names that would leave the folder
// are refused. Expected file contents are written out here by hand, not by Baton's own formatter.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { describe, expect, test } from "../testkit/fixtures.js";
import { type RestClient, type RestError, rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";
import { uniqueName } from "../testkit/factories.js";
import {
  createWorkflow,
  executionOf,
  registerAgent,
  registerNodeScriptAgent,
  type RestWorkflowRunDetail,
  startRun,
  waitForRun,
} from "../testkit/workflows.js";

/** Answers `{ got: <its input> }`. */
const ECHO = `let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.stringify({got:JSON.parse(s)})))`;
/** Answers `{ doubled: 2n }` for input `{ n }`. */
const DOUBLE = `let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const i=JSON.parse(s);process.stdout.write(JSON.stringify({doubled:i.n*2}))})`;

const cleanup: string[] = [];
afterAll(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

const memoriesOf = (project: string) => join(project, ".serena", "memories");
const memoryFile = (project: string, name: string) => join(memoriesOf(project), `${name}.md`);
function writeMemory(project: string, name: string, text: string) {
  const file = memoryFile(project, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
const projectYml = (project: string, text: string) => {
  mkdirSync(join(project, ".serena"), { recursive: true });
  writeFileSync(join(project, ".serena", "project.yml"), text);
};

async function run(api: RestClient, workflowId: string, params: Record<string, unknown> = {}) {
  const started = await startRun(api, workflowId, params);
  return (await waitForRun(api, started.id, 30_000)) as RestWorkflowRunDetail;
}

const stepOf = (r: RestWorkflowRunDetail, id: string) => {
  const s = r.steps.find((x) => x.step_id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};

describe("handoffs written to .serena/memories", () => {
  test("every handoff of a run, with exact content, and read back into the next step", async ({
    api,
    graphql,
    server,
  }) => {
    const doubler = await registerNodeScriptAgent(api, DOUBLE);
    const echo = await registerNodeScriptAgent(api, ECHO);
    writeMemory(server.workdir, "conventions", "# Conventions\n\nTabs, not spaces.\n");
    const wf = await createWorkflow(api, {
      parameters: { type: "object", properties: { n: { type: "integer" } } },
      memory: { serena: true },
      steps: [
        { id: "double", agent: doubler, input: { n: "{{params.n}}" } },
        {
          id: "review",
          agent: echo,
          context_memories: ["conventions", "baton/handoffs/{{run.id}}/*"],
          input: { rules: "{{memory.conventions}}", earlier: "{{memory}}" },
        },
      ],
    });
    expect(wf.memory).toEqual({ serena: true });
    const r = await run(api, wf.id, { n: 21 });
    expect(r.status).toBe("succeeded");
    const written = [`baton/handoffs/${r.id}/double`, `baton/handoffs/${r.id}/review`];
    expect(r.memories).toEqual(written);
    const viaGraphql = await graphql.query<{ workflowRun: { memories: string[] } }>(
      "query ($id: ID!) { workflowRun(id: $id) { memories } }",
      { id: r.id },
    );
    expect(viaGraphql.workflowRun.memories).toEqual(written);

    const doubleExec = executionOf(r, "double").id;
    const reviewExec = executionOf(r, "review").id;
    const doubleMd = [
      `# Handoff: workflow:${wf.name} → ${doubler}`,
      "",
      `Baton workflow run \`${r.id}\` of template \`${wf.name}\`, step \`double\`.`,
      "",
      `- From: the start of the run (\`workflow:${wf.name}\`)`,
      `- To: agent \`${doubler}\` (step \`double\`)`,
      "- Status: succeeded",
      "- Attempts: 1",
      `- Execution: \`${doubleExec}\``,
      "",
      "## Input",
      "",
      "```json",
      '{\n  "n": 21\n}',
      "```",
      "",
      "## Output",
      "",
      "```json",
      '{\n  "doubled": 42\n}',
      "```",
      "",
    ].join("\n");
    expect(readFileSync(memoryFile(server.workdir, `baton/handoffs/${r.id}/double`), "utf8")).toBe(doubleMd);

    // The next step read the memory Serena's tools would read, and the handoff just written.
    const reviewInput = {
      rules: "# Conventions\n\nTabs, not spaces.\n",
      earlier: {
        conventions: "# Conventions\n\nTabs, not spaces.\n",
        [`baton/handoffs/${r.id}/double`]: doubleMd,
      },
    };
    expect(stepOf(r, "review").outputs).toEqual({ got: reviewInput });

    const reviewJson = JSON.stringify(reviewInput, null, 2);
    // The input holds ``` (the handoff above): its fence is one backtick longer.
    expect(readFileSync(memoryFile(server.workdir, `baton/handoffs/${r.id}/review`), "utf8")).toBe(
      [
        `# Handoff: ${doubler} → ${echo}`,
        "",
        `Baton workflow run \`${r.id}\` of template \`${wf.name}\`, step \`review\`.`,
        "",
        `- From: step \`double\` (agent \`${doubler}\`)`,
        `- To: agent \`${echo}\` (step \`review\`)`,
        "- Status: succeeded",
        "- Attempts: 1",
        `- Execution: \`${reviewExec}\``,
        "",
        "## Input",
        "",
        "````json",
        reviewJson,
        "````",
        "",
        "## Output",
        "",
        "````json",
        JSON.stringify({ got: reviewInput }, null, 2),
        "````",
        "",
      ].join("\n"),
    );
  });

  test("a failed step's handoff carries its error; a template without memory writes nothing", async ({
    api,
    server,
  }) => {
    const failing = await registerNodeScriptAgent(api, `process.stderr.write("no way");process.exit(3)`);
    const wf = await createWorkflow(api, {
      memory: { serena: true },
      steps: [{ id: "boom", agent: failing, input: { x: 1 } }],
    });
    const r = await run(api, wf.id);
    expect(r.status).toBe("failed");
    const md = readFileSync(memoryFile(server.workdir, `baton/handoffs/${r.id}/boom`), "utf8");
    const error = stepOf(r, "boom").error as string;
    expect(
      md.endsWith(
        `- Status: failed\n- Attempts: 1\n- Execution: \`${executionOf(r, "boom").id}\`\n\n## Input\n\n\`\`\`json\n{\n  "x": 1\n}\n\`\`\`\n\n## Error\n\n\`\`\`text\n${error}\n\`\`\`\n`,
      ),
    ).toBe(true);

    const echo = await registerNodeScriptAgent(api, ECHO);
    const plain = await createWorkflow(api, { steps: [{ id: "only", agent: echo, input: { y: 2 } }] });
    const r2 = await run(api, plain.id);
    expect(r2.status).toBe("succeeded");
    expect(existsSync(join(memoriesOf(server.workdir), "baton", "handoffs", r2.id))).toBe(false);
    expect(r2.memories).toEqual([]);

    // context_memories with memory off for the run: the step fails saying how to turn it on.
    const wants = await createWorkflow(api, {
      steps: [{ id: "reader", agent: echo, context_memories: ["conventions"], input: {} }],
    });
    const r3 = await run(api, wants.id);
    expect(r3.status).toBe("failed");
    expect(stepOf(r3, "reader").error).toBe(
      "the step lists context_memories, but Serena memory is off for this run: set memory: { serena: true } on the template or BATON_SERENA_DIR",
    );
  });
});

describe(".serena/project.yml patterns", () => {
  test("ignored memories are never listed, read nor written", async ({ api, server }) => {
    const echo = await registerNodeScriptAgent(api, ECHO);
    projectYml(
      server.workdir,
      [
        "project_name: demo",
        "# Serena's own keys around ours are left alone",
        "ignored_memory_patterns:",
        '  - "ign/secret.*"',
        "  - 'baton/handoffs/[^/]+/quiet' # this step's handoffs stay out",
        "read_only_memory_patterns: []",
        "",
      ].join("\n"),
    );
    writeMemory(server.workdir, "ign/public", "public text");
    writeMemory(server.workdir, "ign/secret-token", "s3cr3t");
    const wf = await createWorkflow(api, {
      memory: { serena: true },
      steps: [
        { id: "quiet", agent: echo, context_memories: ["ign/*"], input: { all: "{{memory}}" } },
        { id: "loud", agent: echo, input: { z: 1 } },
      ],
    });
    const r = await run(api, wf.id);
    expect(r.status).toBe("succeeded");
    expect(stepOf(r, "quiet").outputs).toEqual({ got: { all: { "ign/public": "public text" } } });
    expect(existsSync(memoryFile(server.workdir, `baton/handoffs/${r.id}/quiet`))).toBe(false);
    expect(existsSync(memoryFile(server.workdir, `baton/handoffs/${r.id}/loud`))).toBe(true);
    expect(r.memories).toEqual([`baton/handoffs/${r.id}/loud`]);

    // Named outright, an ignored memory is refused, not read.
    const named = await createWorkflow(api, {
      memory: { serena: true },
      steps: [{ id: "peek", agent: echo, context_memories: ["ign/secret-token"], input: {} }],
    });
    const r2 = await run(api, named.id);
    expect(r2.status).toBe("failed");
    expect(stepOf(r2, "peek").error).toBe(
      `cannot load context_memories: memory 'ign/secret-token' matches ignored_memory_patterns in ${join(server.workdir, ".serena", "project.yml")} [MEMORY_IGNORED]`,
    );
    expect(readFileSync(memoryFile(server.workdir, "ign/secret-token"), "utf8")).toBe("s3cr3t");
    projectYml(server.workdir, "project_name: demo\n");
  });

  test("read-only memories are read but never written", async ({ api, server }) => {
    const echo = await registerNodeScriptAgent(api, ECHO);
    projectYml(server.workdir, 'read_only_memory_patterns: ["ro/.*", "baton/handoffs/[^/]+/frozen"]\n');
    writeMemory(server.workdir, "ro/rules", "do not touch");
    const wf = await createWorkflow(api, {
      memory: { serena: true },
      steps: [
        { id: "frozen", agent: echo, context_memories: ["ro/rules"], input: { r: "{{memory.ro/rules}}" } },
        { id: "thawed", agent: echo, input: {} },
      ],
    });
    const r = await run(api, wf.id);
    expect(r.status).toBe("succeeded");
    expect(stepOf(r, "frozen").outputs).toEqual({ got: { r: "do not touch" } });
    expect(existsSync(memoryFile(server.workdir, `baton/handoffs/${r.id}/frozen`))).toBe(false);
    expect(existsSync(memoryFile(server.workdir, `baton/handoffs/${r.id}/thawed`))).toBe(true);
    expect(readFileSync(memoryFile(server.workdir, "ro/rules"), "utf8")).toBe("do not touch");
    projectYml(server.workdir, "project_name: demo\n");
  });

  test("an unreadable project.yml fails the step that loads memories, naming the file", async ({ api, server }) => {
    const echo = await registerNodeScriptAgent(api, ECHO);
    projectYml(server.workdir, 'ignored_memory_patterns: ["(unclosed"]\n');
    const wf = await createWorkflow(api, {
      memory: { serena: true },
      steps: [{ id: "s", agent: echo, context_memories: ["x"], input: {} }],
    });
    const r = await run(api, wf.id);
    expect(r.status).toBe("failed");
    expect(stepOf(r, "s").error).toMatch(
      /^cannot load context_memories: .*project\.yml: ignored_memory_patterns: '\(unclosed' is not a valid regular expression .* \[MEMORY_CONFIG\]$/,
    );
    projectYml(server.workdir, "project_name: demo\n");
  });
});

describe("names that leave the memories folder", () => {
  test("../../etc/x and absolute names are refused when the template is saved", async ({ api }) => {
    const echo = await registerNodeScriptAgent(api, ECHO);
    const res = await api.post<RestError>("/workflows", {
      name: uniqueName("wf"),
      memory: { serena: true },
      steps: [
        { id: "a", agent: echo, context_memories: ["../../etc/x", "/etc/passwd", "ok/name"], input: {} },
        { id: "b", agent: echo, input: { v: "{{memory.../../etc/x}}" } },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.issues).toEqual([
      {
        field: "steps[0].context_memories[0]",
        message:
          "step 'a': memory name '../../etc/x' has a '.' or '..' segment: it would leave .serena/memories (MEMORY_OUTSIDE)",
      },
      {
        field: "steps[0].context_memories[1]",
        message:
          "step 'a': memory name '/etc/passwd' is an absolute path: names are relative to .serena/memories (MEMORY_OUTSIDE)",
      },
      {
        field: "steps[1].input.v",
        message:
          "step 'b': '{{memory.../../etc/x}}': memory name '../../etc/x' has a '.' or '..' segment: it would leave .serena/memories (MEMORY_OUTSIDE)",
      },
    ]);
  });

  test("a memory that is a link to a file outside is refused and not listed", async ({ api, server }) => {
    const echo = await registerNodeScriptAgent(api, ECHO);
    const outside = mkdtempSync(join(tmpdir(), "baton-outside-"));
    cleanup.push(outside);
    writeFileSync(join(outside, "passwd.md"), "root:x:0:0");
    mkdirSync(join(memoriesOf(server.workdir), "lnk"), { recursive: true });
    symlinkSync(join(outside, "passwd.md"), memoryFile(server.workdir, "lnk/passwd"));
    writeMemory(server.workdir, "lnk/fine", "inside");
    const wf = await createWorkflow(api, {
      memory: { serena: true },
      steps: [
        { id: "glob", agent: echo, context_memories: ["lnk/*"], input: { all: "{{memory}}" } },
        { id: "named", agent: echo, context_memories: ["lnk/passwd"], input: {} },
      ],
    });
    const r = await run(api, wf.id);
    expect(stepOf(r, "glob").outputs).toEqual({ got: { all: { "lnk/fine": "inside" } } });
    expect(stepOf(r, "named").error).toBe(
      `cannot load context_memories: memory 'lnk/passwd' is a link to ${join(outside, "passwd.md")}, outside ${memoriesOf(server.workdir)}: refused [MEMORY_OUTSIDE]`,
    );
  });
});

describe("template validation", () => {
  test("memory and context_memories are checked, every problem at once", async ({ api }) => {
    const echo = await registerNodeScriptAgent(api, ECHO);
    const bad = async (body: Record<string, unknown>) => {
      const res = await api.post<RestError>("/workflows", { name: uniqueName("wf"), ...body });
      expect(res.status).toBe(400);
      return res.body.error.issues;
    };
    expect(await bad({ memory: { serena: "yes", dir: "/x" }, steps: [{ id: "a", agent: echo }] })).toEqual([
      { field: "memory.dir", message: "unknown key 'dir' (allowed: serena)" },
      { field: "memory.serena", message: "must be true (write handoffs to .serena/memories) or false" },
    ]);
    expect(await bad({ memory: true, steps: [{ id: "a", agent: echo }] })).toEqual([
      { field: "memory", message: "must be an object { serena: true | false }" },
    ]);
    expect(
      await bad({
        memory: { serena: false },
        steps: [
          { id: "a", agent: echo, context_memories: ["notes"] },
          { id: "b", agent: echo, context_memories: "notes" },
          { id: "c", agent: echo, context_memories: [7, "x/{{params.p}}"] },
          { id: "d", agent: echo, input: { v: "{{memory.notes}}" } },
          { id: "e", agent: echo, context_memories: ["style/*"], input: { v: "{{memory.notes}}" } },
        ],
      }),
    ).toEqual([
      {
        field: "steps[0].context_memories",
        message: "step 'a': context_memories needs memory, which this template turns off (memory: { serena: false })",
      },
      {
        field: "steps[1].context_memories",
        message: "step 'b': context_memories must be a list of at most 50 memory names or globs",
      },
      {
        field: "steps[2].context_memories",
        message: "step 'c': context_memories needs memory, which this template turns off (memory: { serena: false })",
      },
      { field: "steps[2].context_memories[0]", message: "step 'c': each memory name must be a string" },
      {
        field: "steps[2].context_memories[1]",
        message:
          "step 'c': 'x/{{params.p}}': the only expression a memory name may hold is {{run.id}} (MEMORY_NAME_INVALID)",
      },
      {
        field: "steps[4].context_memories",
        message: "step 'e': context_memories needs memory, which this template turns off (memory: { serena: false })",
      },
      {
        field: "steps[3].input.v",
        message: "step 'd': {{memory.notes}} needs the step to load memories: list them in context_memories",
      },
      {
        field: "steps[4].input.v",
        message: "step 'e': {{memory.notes}} is not among the memories the step loads (context_memories: style/*)",
      },
    ]);
  });

  test("memory is kept on update unless given, and shown on the template", async ({ api }) => {
    const echo = await registerNodeScriptAgent(api, ECHO);
    const wf = await createWorkflow(api, { memory: { serena: true }, steps: [{ id: "a", agent: echo }] });
    const patched = await api.patch<{ memory: unknown }>(`/workflows/${wf.id}`, { description: "changed" });
    expect(patched.body.memory).toEqual({ serena: true });
    const off = await api.patch<{ memory: unknown }>(`/workflows/${wf.id}`, { memory: { serena: false } });
    expect(off.body.memory).toEqual({ serena: false });
    const plain = await createWorkflow(api, { steps: [{ id: "a", agent: echo }] });
    expect(plain.memory).toBeNull();
  });
});

describe("BATON_SERENA_DIR and the claude runner", () => {
  let other: TestServer | null = null;
  const project = mkdtempSync(join(tmpdir(), "baton-serena-project-"));
  const bin = mkdtempSync(join(tmpdir(), "baton-fake-claude-"));
  cleanup.push(project, bin);
  afterAll(async () => {
    await other?.stop();
  });

  test("every run uses the directory unless its template turns memory off; claude gets memories in its system prompt", async () => {
    // A stand-in for the claude CLI: answers with the system prompt it was given.
    const fake = join(bin, "claude");
    writeFileSync(
      fake,
      `#!${process.execPath}\nconst a=process.argv.slice(2);const i=a.indexOf("--append-system-prompt");\nlet s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.stringify({type:"result",subtype:"success",is_error:false,result:JSON.stringify({system:i<0?null:a[i+1]})})));\n`,
    );
    chmodSync(fake, 0o755);
    other = await startTestServer({ env: { BATON_SERENA_DIR: project, CLAUDE_BIN: fake } });
    const api = rest(other.url);
    mkdirSync(join(other.workdir, ".claude", "agents"), { recursive: true });
    writeFileSync(join(other.workdir, ".claude", "agents", "reviewer.md"), "---\nname: reviewer\n---\nYou review.\n");
    writeMemory(project, "style/python", "Use black.");
    writeMemory(project, "style/ts", "Use biome.");
    const echo = await registerNodeScriptAgent(api, ECHO);
    const claude = await registerAgent(api, { kind: "claude", settings: { agent_file: ".claude/agents/reviewer.md" } });

    const wf = await createWorkflow(api, {
      steps: [
        { id: "first", agent: echo, input: { a: 1 } },
        { id: "review", agent: claude, context_memories: ["style/*"], input: { ts: "{{memory.style/ts}}" } },
      ],
    });
    const r = await run(api, wf.id);
    expect(r.status).toBe("succeeded");
    expect(stepOf(r, "review").outputs).toEqual({
      system: [
        "You review.",
        "",
        "# Project memories",
        "",
        "These Serena memories (.serena/memories) were loaded for this step by Baton.",
        "",
        "## Memory: style/python",
        "",
        "Use black.",
        "",
        "## Memory: style/ts",
        "",
        "Use biome.",
      ].join("\n"),
    });
    expect(existsSync(memoryFile(project, `baton/handoffs/${r.id}/first`))).toBe(true);
    expect(existsSync(memoryFile(project, `baton/handoffs/${r.id}/review`))).toBe(true);
    // Not under the server's working directory: BATON_SERENA_DIR wins.
    expect(existsSync(memoriesOf(other.workdir))).toBe(false);

    const optedOut = await createWorkflow(api, {
      memory: { serena: false },
      steps: [{ id: "first", agent: echo, input: { a: 1 } }],
    });
    const r2 = await run(api, optedOut.id);
    expect(r2.status).toBe("succeeded");
    expect(existsSync(join(memoriesOf(project), "baton", "handoffs", r2.id))).toBe(false);
  });
});
