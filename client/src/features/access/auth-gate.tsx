// Shows the login form instead of the dashboard while the server asks for a token and the browser
// has no live session; a 401 later (session expired, token revoked) brings the form back.
import { createContext, type ReactNode, use, useCallback, useEffect, useState } from "react";
import { logIn, logOut, readSession, SESSION_ENDED, type Session } from "./session.ts";

interface SessionState {
  session: Session;
  logOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** The browser's session (the local user when authentication is off). */
export function useSession(): SessionState | null {
  return use(SessionContext);
}

export function AuthGate({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    readSession().then(setSession, (e: unknown) => setError(`Baton is not reachable (${(e as Error).message}).`));
  }, []);
  useEffect(() => {
    refresh();
    window.addEventListener(SESSION_ENDED, refresh);
    return () => window.removeEventListener(SESSION_ENDED, refresh);
  }, [refresh]);

  if (error && !session)
    return (
      <div className="login-screen" role="alert">
        <p>{error}</p>
      </div>
    );
  if (!session) return null;
  if (session.authentication && !session.authenticated) return <LoginForm onLoggedIn={setSession} />;
  const state: SessionState = {
    session,
    logOut: async () => {
      await logOut();
      // Everything on screen belonged to the session: start again from a clean page.
      window.location.assign("/ui/");
    },
  };
  return <SessionContext value={state}>{children}</SessionContext>;
}

function LoginForm({ onLoggedIn }: { onLoggedIn: (s: Session) => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await logIn(token.trim()).catch((err: unknown) => ({ error: (err as Error).message }));
    setBusy(false);
    if ("error" in result) setError(result.error);
    else onLoggedIn(result.session);
  };
  return (
    <main className="login-screen">
      <title>Log in · Baton</title>
      <form className="panel login-panel" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">Log in to Baton</h1>
        <p className="muted-text">
          This Baton asks for an API token. Create one on the server with{" "}
          <code>npm run baton -- tokens create --name &lt;you&gt; --scope read</code> (or ask an admin).
        </p>
        <div className="field">
          <label htmlFor="login-token">API token</label>
          <input
            id="login-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="baton_…"
            value={token}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "login-error" : undefined}
            onChange={(e) => setToken(e.target.value)}
          />
          {error ? (
            <span id="login-error" className="field-error" role="alert">
              {error}
            </span>
          ) : null}
        </div>
        <button type="submit" className="button button-primary" disabled={busy || token.trim() === ""}>
          {busy ? "Logging in…" : "Log in"}
        </button>
        <p className="field-hint">The token stays with the server: the browser keeps only a session cookie.</p>
      </form>
    </main>
  );
}
