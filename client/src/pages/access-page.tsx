// Who the browser is, the API tokens (create — the secret shown once —, list, revoke) and the
// audit log of writes. Tokens and the log need the admin scope; anyone sees who they are.
import { useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ScrollRegion } from "../components/ui/scroll-region.tsx";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, errorMessage, Loading } from "../components/ui/query-state.tsx";
import { useSession } from "../features/access/auth-gate.tsx";
import { graphql } from "../gql/index.ts";
import type { ApiScope } from "../gql/graphql.ts";
import { fromEnum } from "../lib/graphql-enum.ts";
import { formatDateTime } from "../lib/format.ts";

const AccessPageQuery = graphql(`
  query AccessPage($includeRevoked: Boolean!) {
    viewer {
      authentication
      actor
      scopes
    }
    apiTokens(includeRevoked: $includeRevoked, first: 200) {
      totalCount
      nodes {
        id
        name
        prefix
        scopes
        createdAt
        lastUsedAt
        expiresAt
        revokedAt
        active
      }
    }
  }
`);

const AccessViewerQuery = graphql(`
  query AccessViewer {
    viewer {
      authentication
      actor
      scopes
    }
  }
`);

const AuditLogQuery = graphql(`
  query AuditLog($outcome: String) {
    auditLog(first: 50, outcome: $outcome) {
      totalCount
      nodes {
        id
        at
        actor
        via
        operation
        request
        outcome
        target
      }
    }
  }
`);

const CreateApiToken = graphql(`
  mutation CreateApiToken($input: ApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreatedApiToken {
        secret
        token {
          id
          name
        }
      }
      ... on ValidationError {
        message
      }
    }
  }
`);

const RevokeApiToken = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on ApiToken {
        id
        revokedAt
        active
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

const SCOPE_CHOICES: { scope: ApiScope; label: string; about: string }[] = [
  { scope: "READ", label: "read", about: "every query and live stream" },
  { scope: "WRITE", label: "write", about: "record executions, edit agents and templates (mock runners)" },
  { scope: "RUN", label: "run", about: "start and cancel workflow runs" },
  { scope: "ADMIN", label: "admin", about: "runners that execute things, tokens, the audit log, deletions" },
];

export function AccessPage() {
  const session = useSession();
  const [viewer] = useQuery({ query: AccessViewerQuery });
  const isAdmin = viewer.data?.viewer.scopes.includes("ADMIN") ?? false;
  return (
    <>
      <title>Access · Baton</title>
      <PageHeader
        title="Access"
        subtitle="Who you are here, the API tokens that reach this Baton, and every write they made."
      />
      <section className="panel access-viewer" aria-label="You">
        {viewer.data ? (
          <p>
            {viewer.data.viewer.authentication ? (
              <>
                Logged in with token <strong>{viewer.data.viewer.actor}</strong>
              </>
            ) : (
              <>
                Authentication is <strong>off</strong>: this Baton listens on loopback only and every caller is the{" "}
                <strong>local</strong> user
              </>
            )}{" "}
            — scopes{" "}
            {viewer.data.viewer.scopes.map((s) => (
              <span key={s} className="chip chip-neutral">
                {fromEnum(s)}
              </span>
            ))}
          </p>
        ) : null}
        {session?.session.authentication ? (
          <button type="button" className="button button-ghost" onClick={() => void session.logOut()}>
            Log out
          </button>
        ) : null}
      </section>
      {viewer.data && !isAdmin ? (
        <div className="panel muted">Tokens and the audit log need a token with the admin scope.</div>
      ) : null}
      {isAdmin ? (
        <>
          <TokensSection />
          <AuditSection />
        </>
      ) : null}
    </>
  );
}

function TokensSection() {
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AccessPageQuery,
    variables: { includeRevoked },
    requestPolicy: "cache-and-network",
  });
  const [, revoke] = useMutation(RevokeApiToken);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const onRevoke = async (id: string, name: string) => {
    if (!window.confirm(`Revoke token '${name}'? Anything using it stops working at once.`)) return;
    const r = await revoke({ id });
    const out = r.data?.revokeApiToken;
    setRevokeError(r.error ? errorMessage(r.error) : out && out.__typename !== "ApiToken" ? out.message : null);
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <section className="access-section" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <CreateTokenForm onCreated={() => refetch({ requestPolicy: "network-only" })} />
      <label className="checkbox">
        <input type="checkbox" checked={includeRevoked} onChange={(e) => setIncludeRevoked(e.target.checked)} /> Show
        revoked tokens
      </label>
      {error && !data ? <ErrorPanel error={error} title="Could not load tokens" /> : null}
      {fetching && !data ? <Loading label="Loading tokens…" /> : null}
      {revokeError ? <ErrorPanel error={revokeError} title="Could not revoke" /> : null}
      {data ? (
        <ScrollRegion label="Tokens">
          <table className="data-table" data-testid="tokens-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Secret starts</th>
                <th>Scopes</th>
                <th>Created</th>
                <th>Last used</th>
                <th>State</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.apiTokens.nodes.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{t.scopes.map((s) => fromEnum(s)).join(", ")}</td>
                  <td>{formatDateTime(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</td>
                  <td>
                    {t.active ? "active" : t.revokedAt ? `revoked ${formatDateTime(t.revokedAt)}` : "expired"}
                    {t.active && t.expiresAt ? ` (until ${formatDateTime(t.expiresAt)})` : ""}
                  </td>
                  <td>
                    {t.revokedAt ? null : (
                      <button
                        type="button"
                        className="button button-small button-danger-ghost"
                        onClick={() => void onRevoke(t.id, t.name)}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {data.apiTokens.nodes.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted-text">
                    No tokens yet.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["READ"]);
  const [days, setDays] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [{ fetching }, create] = useMutation(CreateApiToken);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const expiresAt = days ? new Date(Date.now() + Number(days) * 86_400_000).toISOString() : null;
    const r = await create({ input: { name, scopes, expiresAt } });
    const out = r.data?.createApiToken;
    if (r.error) return setError(errorMessage(r.error));
    if (out?.__typename === "ValidationError") return setError(out.message);
    if (out?.__typename === "CreatedApiToken") {
      setCreated({ name: out.token.name, secret: out.secret });
      setName("");
      onCreated();
    }
  };
  return (
    <>
      <form className="panel token-form" onSubmit={(e) => void submit(e)} aria-label="Create a token">
        <div className="field">
          <label htmlFor="token-name">Name</label>
          <input
            id="token-name"
            type="text"
            value={name}
            placeholder="ci, alice-laptop…"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <fieldset className="token-scopes">
          <legend>Scopes</legend>
          {SCOPE_CHOICES.map((c) => (
            <label key={c.scope} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(c.scope)}
                onChange={(e) =>
                  setScopes((s) => (e.target.checked ? [...s, c.scope] : s.filter((x) => x !== c.scope)))
                }
              />{" "}
              <strong>{c.label}</strong> <span className="muted-text">— {c.about}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="token-days">Expires after (days, empty for never)</label>
          <input id="token-days" type="number" min={1} value={days} onChange={(e) => setDays(e.target.value)} />
        </div>
        {error ? (
          <span className="field-error" role="alert">
            {error}
          </span>
        ) : null}
        <button type="submit" className="button button-primary" disabled={fetching}>
          Create token
        </button>
      </form>
      {created ? (
        <div className="panel token-secret" role="status" data-testid="token-secret">
          <strong>Token '{created.name}' created.</strong> Copy its secret now: it is not stored and will not be shown
          again.
          <code className="secret">{created.secret}</code>
          <div className="button-group">
            <button
              type="button"
              className="button button-small"
              onClick={() => void navigator.clipboard?.writeText(created.secret)}
            >
              Copy
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
    </>
  );
}

const OUTCOMES = ["", "ok", "FORBIDDEN", "VALIDATION_FAILED", "NOT_FOUND", "CONFLICT", "INTERNAL"];

function AuditSection() {
  const [outcome, setOutcome] = useState("");
  // Token changes made on this page are writes too: they refresh the log.
  const context = useMemo(() => ({ additionalTypenames: ["ApiToken"] }), []);
  const [{ data, error }] = useQuery({
    query: AuditLogQuery,
    variables: { outcome: outcome || null },
    requestPolicy: "cache-and-network",
    context,
  });
  return (
    <section className="access-section" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <div className="field-row">
        <label htmlFor="audit-outcome">Outcome</label>
        <select id="audit-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o || "any"}
            </option>
          ))}
        </select>
        {data ? <span className="muted-text">{data.auditLog.totalCount} writes</span> : null}
      </div>
      {error && !data ? <ErrorPanel error={error} title="Could not load the audit log" /> : null}
      {data ? (
        <ScrollRegion label="Audit log">
          <table className="data-table" data-testid="audit-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Operation</th>
                <th>Request</th>
                <th>Outcome</th>
                <th>About</th>
              </tr>
            </thead>
            <tbody>
              {data.auditLog.nodes.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>
                    <code>{e.operation}</code>
                  </td>
                  <td>{e.request ?? fromEnum(e.via)}</td>
                  <td className={e.outcome === "ok" ? undefined : "text-danger"}>{e.outcome}</td>
                  <td>{e.target ? <code>{e.target}</code> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </section>
  );
}
