// Edit an agent with the register form; updateAgent replaces the lists it is given.
import { Link, useNavigate, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { EmptyState, ErrorPanel, errorMessage, Loading } from "../components/ui/query-state.tsx";
import { errorOutcome, type SubmitOutcome } from "../features/agents/agent-form-model.ts";
import { AgentForm } from "../features/agents/components/agent-form.tsx";
import { graphql } from "../gql/index.ts";
import type { CreateAgentInput } from "../gql/graphql.ts";
import { errorWithCode } from "../lib/graphql-errors.ts";

const AgentEditPageQuery = graphql(`
  query AgentEditPage($id: ID!) {
    agent(id: $id) {
      id
      name
      ...AgentFormAgent
    }
    patterns {
      id
      ...AgentFormCoordinationPattern
    }
  }
`);

const UpdateAgent = graphql(`
  mutation UpdateAgent($id: ID!, $input: UpdateAgentInput!) {
    updateAgent(id: $id, input: $input) {
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
      ... on NotFoundError {
        message
        field
      }
    }
  }
`);

export function AgentEditPage() {
  const { name = "" } = useParams();
  const navigate = useNavigate();
  const [{ data, error, fetching }] = useQuery({
    query: AgentEditPageQuery,
    variables: { id: name },
    requestPolicy: "network-only",
  });
  const [, updateAgent] = useMutation(UpdateAgent);
  const agent = data?.agent ?? undefined;
  const notFound = errorWithCode(error, "NOT_FOUND");

  const submit = async (input: CreateAgentInput): Promise<SubmitOutcome> => {
    if (!agent) return { ok: false, issues: [], summary: "The agent is gone" };
    const result = await updateAgent({ id: agent.id, input });
    const updated = result.data?.updateAgent;
    if (!updated)
      return {
        ok: false,
        issues: [],
        summary: result.error ? errorMessage(result.error) : "No answer from the server",
      };
    if (updated.__typename === "Agent") {
      void navigate(`/agents/${encodeURIComponent(updated.name)}`, {
        state: { saved: `Saved the changes to ${updated.name}.` },
      });
      return { ok: true };
    }
    return errorOutcome(updated);
  };

  const back = `/agents/${encodeURIComponent(name)}`;
  return (
    <>
      <title>{`Edit ${name} · Baton`}</title>
      <PageHeader back={<Link to={back}>← {name}</Link>} title={`Edit ${name}`} />
      {error && !notFound ? <ErrorPanel error={error} /> : null}
      {fetching && !data ? <Loading /> : null}
      {notFound ? (
        <EmptyState title="Agent not found">
          <p>{notFound.message}</p>
          <Link to="/agents">Back to agents</Link>
        </EmptyState>
      ) : null}
      {agent && data ? (
        // Keyed by id: a refetch of another agent must not keep this one's form state.
        <AgentForm
          key={agent.id}
          agent={agent}
          patterns={data.patterns}
          submitLabel="Save changes"
          cancelTo={back}
          onSubmit={submit}
        />
      ) : null}
    </>
  );
}
