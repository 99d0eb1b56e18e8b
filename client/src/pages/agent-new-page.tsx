// Register an agent: the form, createAgent, and a branch on its result union.
import { Link, useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, errorMessage, Loading } from "../components/ui/query-state.tsx";
import { errorOutcome, type SubmitOutcome } from "../features/agents/agent-form-model.ts";
import { AgentForm } from "../features/agents/components/agent-form.tsx";
import { graphql } from "../gql/index.ts";
import type { CreateAgentInput } from "../gql/graphql.ts";

const AgentNewPageQuery = graphql(`
  query AgentNewPage {
    patterns {
      id
      ...AgentFormCoordinationPattern
    }
  }
`);

const CreateAgent = graphql(`
  mutation CreateAgent($input: CreateAgentInput!) {
    createAgent(input: $input) {
      __typename
      ... on Agent {
        id
        name
      }
      ... on ValidationError {
        message
        field
        issues {
          field
          message
        }
      }
      ... on ConflictError {
        message
        field
      }
    }
  }
`);

export function AgentNewPage() {
  const navigate = useNavigate();
  const [{ data, error, fetching }] = useQuery({ query: AgentNewPageQuery });
  const [, createAgent] = useMutation(CreateAgent);

  const submit = async (input: CreateAgentInput): Promise<SubmitOutcome> => {
    const result = await createAgent({ input });
    const created = result.data?.createAgent;
    if (!created)
      return {
        ok: false,
        issues: [],
        summary: result.error ? errorMessage(result.error) : "No answer from the server",
      };
    if (created.__typename === "Agent") {
      void navigate(`/agents/${encodeURIComponent(created.name)}`, {
        state: { saved: `Registered ${created.name}.` },
      });
      return { ok: true };
    }
    return errorOutcome(created);
  };

  return (
    <>
      <title>Register agent · Baton</title>
      <PageHeader
        back={<Link to="/agents">← Agents</Link>}
        title="Register agent"
        subtitle="Describe what the agent can do, how it coordinates with others, and how Baton runs it."
      />
      {error ? <ErrorPanel error={error} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data ? (
        <AgentForm patterns={data.patterns} submitLabel="Register agent" cancelTo="/agents" onSubmit={submit} />
      ) : null}
    </>
  );
}
