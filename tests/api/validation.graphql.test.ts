// The registry's rules through GraphQL: expected failures come back as typed result-union members
// (ValidationError / ConflictError / NotFoundError) with a camelCase `field`; inputs of the wrong
// GraphQL type are refused before any resolver runs. Nothing is written either way.
import { type AgentInput, agentInput, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { ERROR_FIELDS, type GqlAgent, type GqlError, type GraphQLClient, ISSUE_FIELDS } from "../testkit/graphql.js";

const CREATE = `mutation Create($input: CreateAgentInput!) {
  createAgent(input: $input) { __typename ... on Agent { id name description } ${ERROR_FIELDS} ${ISSUE_FIELDS} }
}`;
const UPDATE = `mutation Update($id: String!, $input: UpdateAgentInput!) {
  updateAgent(id: $id, input: $input) { __typename ... on Agent { id name description } ${ERROR_FIELDS} ${ISSUE_FIELDS} }
}`;

const agentCount = async (graphql: GraphQLClient) =>
  (await graphql.query<{ agents: { total: number } }>("{ agents(limit: 1) { ... on AgentList { total } } }")).agents
    .total;

type Expected = Pick<GqlError, "__typename" | "code" | "field">;
const invalid = (field: string): Expected => ({ __typename: "ValidationError", code: "VALIDATION_FAILED", field });

function expectError(value: unknown, expected: Expected) {
  const e = value as GqlError;
  expect({ __typename: e.__typename, code: e.code, field: e.field }).toEqual(expected);
  expect(e.message).toEqual(expect.any(String));
}

describe("createAgent returns a ValidationError and writes nothing", () => {
  const cases: [string, () => AgentInput, Expected][] = [
    ["an empty name", () => agentInput({ name: "" }), invalid("name")],
    ["a name over 64 characters", () => agentInput({ name: `A${"b".repeat(64)}` }), invalid("name")],
    ["a name with bad characters", () => agentInput({ name: "agent/../x" }), invalid("name")],
    [
      "an unknown coordination pattern",
      () => agentInput({ coordinationPatterns: ["sequential", "swarm"] }),
      invalid("coordinationPatterns[1]"),
    ],
    ["a duplicate capability", () => agentInput({ capabilities: ["Deploy", "DEPLOY"] }), invalid("capabilities[1]")],
    [
      "a negative retryPolicy.maxRetries",
      () => agentInput({ retryPolicy: { maxRetries: -1 } }),
      invalid("retryPolicy.maxRetries"),
    ],
    [
      "runner settings the kind does not know",
      () => agentInput({ runner: { kind: "builtin", settings: { name: "x", colour: "red" } } }),
      invalid("runner.settings"),
    ],
  ];

  test.for(cases)("%s", async ([, input, expected], { graphql }) => {
    const before = await agentCount(graphql);

    const { createAgent } = await graphql.query<{ createAgent: unknown }>(CREATE, { input: input() });

    expectError(createAgent, expected);
    expect(await agentCount(graphql)).toBe(before);
  });

  test("lists every issue, the first one as field", async ({ graphql }) => {
    const { createAgent } = await graphql.query<{ createAgent: GqlError }>(CREATE, {
      input: agentInput({ name: "", capabilities: ["a", "a"] }),
    });

    expect(createAgent.field).toBe("name");
    expect(createAgent.issues?.map((i) => i.field)).toEqual(["name", "name", "capabilities[1]"]);
  });
});

describe("createAgent with a name already taken", () => {
  test("returns a ConflictError on name and keeps the first agent", async ({ graphql }) => {
    const input = agentInput();
    const { createAgent: first } = await graphql.query<{ createAgent: GqlAgent }>(CREATE, { input });
    const before = await agentCount(graphql);

    const { createAgent } = await graphql.query<{ createAgent: unknown }>(CREATE, {
      input: { ...input, description: "impostor" },
    });

    expectError(createAgent, { __typename: "ConflictError", code: "CONFLICT", field: "name" });
    expect(await agentCount(graphql)).toBe(before);
    const { agent } = await graphql.query<{ agent: GqlAgent }>(
      `query($id: String!) { agent(id: $id) { ... on Agent { id name description } } }`,
      { id: input.name },
    );
    expect(agent).toEqual({ id: first.id, name: input.name, description: input.description });
  });
});

describe("inputs of the wrong GraphQL type are refused before the resolver", () => {
  const cases: [string, (input: AgentInput) => Record<string, unknown>, string][] = [
    ["a number as name", (i) => ({ ...i, name: 5 }), 'at "input.name"'],
    [
      "a string as retryPolicy.maxRetries",
      (i) => ({ ...i, retryPolicy: { maxRetries: "x" } }),
      'at "input.retryPolicy.maxRetries"',
    ],
    [
      "an unknown input field",
      (i) => ({ ...i, colour: "red" }),
      'Field "colour" is not defined by type "CreateAgentInput"',
    ],
    ["an unknown runner kind", (i) => ({ ...i, runner: { kind: "shell" } }), 'at "input.runner.kind"'],
  ];

  test.for(cases)("%s", async ([, make, message], { graphql }) => {
    const before = await agentCount(graphql);

    const res = await graphql.result(CREATE, { input: make(agentInput()) });

    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.message).toContain(message);
    expect(await agentCount(graphql)).toBe(before);
  });
});

describe("agents(...) validates its arguments", () => {
  const cases: [string, string, string][] = [
    ["a limit of 0", "limit: 0", "limit"],
    ["a limit over 200", "limit: 201", "limit"],
    ["a negative offset", "offset: -1", "offset"],
    ["an unknown pattern", 'pattern: "swarm"', "pattern"],
  ];

  test.for(cases)("%s", async ([, args, field], { graphql }) => {
    const { agents } = await graphql.query<{ agents: unknown }>(
      `{ agents(${args}) { __typename ... on AgentList { total } ${ERROR_FIELDS} } }`,
    );

    expectError(agents, invalid(field));
  });
});

describe("unknown agents are NotFoundError on id", () => {
  const notFound: Expected = { __typename: "NotFoundError", code: "NOT_FOUND", field: "id" };

  test("agent", async ({ graphql }) => {
    const { agent } = await graphql.query<{ agent: unknown }>(
      `query($id: String!) { agent(id: $id) { __typename ${ERROR_FIELDS} } }`,
      { id: uniqueName("Nobody") },
    );
    expectError(agent, notFound);
  });

  test("updateAgent", async ({ graphql }) => {
    const before = await agentCount(graphql);
    const { updateAgent } = await graphql.query<{ updateAgent: unknown }>(UPDATE, {
      id: uniqueName("Nobody"),
      input: { description: "x" },
    });
    expectError(updateAgent, notFound);
    expect(await agentCount(graphql)).toBe(before);
  });

  test("deleteAgent", async ({ graphql }) => {
    const before = await agentCount(graphql);
    const { deleteAgent } = await graphql.query<{ deleteAgent: unknown }>(
      `mutation($id: String!) { deleteAgent(id: $id) { __typename ${ERROR_FIELDS} } }`,
      { id: uniqueName("Nobody") },
    );
    expectError(deleteAgent, notFound);
    expect(await agentCount(graphql)).toBe(before);
  });
});

describe("updateAgent rejects invalid changes and keeps the agent", () => {
  const cases: [string, Record<string, unknown>, Expected][] = [
    ["an overlong name", { name: "N".repeat(65) }, invalid("name")],
    ["an unknown pattern", { coordinationPatterns: ["mesh"] }, invalid("coordinationPatterns[0]")],
    ["a duplicate tool", { tools: ["Read", "read"] }, invalid("tools[1]")],
    ["a taken name", { name: "CodeAgent" }, { __typename: "ConflictError", code: "CONFLICT", field: "name" }],
  ];

  test.for(cases)("%s", async ([, input, expected], { graphql }) => {
    const { createAgent: agent } = await graphql.query<{ createAgent: GqlAgent }>(CREATE, { input: agentInput() });

    const { updateAgent } = await graphql.query<{ updateAgent: unknown }>(UPDATE, { id: agent.id, input });

    expectError(updateAgent, expected);
    const { agent: after } = await graphql.query<{ agent: GqlAgent }>(
      `query($id: String!) { agent(id: $id) { __typename ... on Agent { id name description } } }`,
      { id: agent.id },
    );
    expect(after).toEqual(agent);
  });
});
