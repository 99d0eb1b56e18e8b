// The registry's rules through GraphQL: a mutation's expected failures come back as typed
// result-union members (ValidationError / ConflictError / NotFoundError) with a camelCase `field`,
// a query's as GraphQL errors with the same code and field in their extensions; inputs of the wrong
// GraphQL type are refused before any resolver runs. Nothing is written either way.
import { type AgentInput, agentInput, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import {
  ERROR_FIELDS,
  type GqlAgent,
  type GqlError,
  type GraphQLClient,
  ISSUE_FIELDS,
  refusalOf,
} from "../testkit/graphql.js";

const CREATE = `mutation Create($input: CreateAgentInput!) {
  createAgent(input: $input) { __typename ... on Agent { id name description } ${ERROR_FIELDS} ${ISSUE_FIELDS} }
}`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateAgentInput!) {
  updateAgent(id: $id, input: $input) { __typename ... on Agent { id name description } ${ERROR_FIELDS} ${ISSUE_FIELDS} }
}`;

const agentCount = async (graphql: GraphQLClient) =>
  (await graphql.query<{ agents: { totalCount: number } }>("{ agents(first: 1) { totalCount } }")).agents.totalCount;

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
      () => agentInput({ runner: { kind: "BUILTIN", settings: { name: "x", colour: "red" } } }),
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
      `query($id: ID!) { agent(id: $id) { id name description } }`,
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
    ["an unknown runner kind", (i) => ({ ...i, runner: { kind: "SHELL" } }), 'at "input.runner.kind"'],
    [
      "a runner kind spelled as REST spells it",
      (i) => ({ ...i, runner: { kind: "mock" } }),
      'Value "mock" does not exist in "RunnerKind" enum',
    ],
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
    ["a first of 0", "first: 0", "first"],
    ["a first over 200", "first: 201", "first"],
    ["a negative offset", "offset: -1", "offset"],
    ["an unknown pattern", 'pattern: "swarm"', "pattern"],
  ];

  test.for(cases)("%s is VALIDATION_FAILED on its argument", async ([, args, field], { graphql }) => {
    const res = await graphql.result(`{ agents(${args}) { totalCount } }`);

    expect(refusalOf(res)).toEqual({ data: null, errors: [{ path: ["agents"], code: "VALIDATION_FAILED", field }] });
    expect(res.errors?.[0]?.message).toEqual(expect.any(String));
  });
});

describe("unknown agents are NOT_FOUND on id", () => {
  const notFound: Expected = { __typename: "NotFoundError", code: "NOT_FOUND", field: "id" };

  test("agent: null, with a NOT_FOUND error", async ({ graphql }) => {
    const res = await graphql.result(`query($id: ID!) { agent(id: $id) { id } }`, { id: uniqueName("Nobody") });
    expect(refusalOf(res)).toEqual({
      data: { agent: null },
      errors: [{ path: ["agent"], code: "NOT_FOUND", field: "id" }],
    });
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
      `mutation($id: ID!) { deleteAgent(id: $id) { __typename ${ERROR_FIELDS} } }`,
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
      `query($id: ID!) { agent(id: $id) { __typename id name description } }`,
      { id: agent.id },
    );
    expect(after).toEqual(agent);
  });
});
