// The dashboard's side of authentication: who the browser is (GET /auth/session), logging in with
// a token (the server answers with an HttpOnly session cookie the page never sees) and out.

export interface Session {
  /** Whether the server asks for tokens at all (off: loopback only, everyone is `local`). */
  authentication: boolean;
  authenticated: boolean;
  actor: string | null;
  scopes: string[];
}

const JSON_HEADERS = { "content-type": "application/json", accept: "application/json" };

export async function readSession(): Promise<Session> {
  const res = await fetch("/auth/session", { headers: { accept: "application/json" }, credentials: "same-origin" });
  if (!res.ok) throw new Error(`the server answered ${res.status}`);
  return (await res.json()) as Session;
}

/** Logs in; the session, or the server's message when the token is refused. */
export async function logIn(token: string): Promise<{ session: Session } | { error: string }> {
  const res = await fetch("/auth/session", {
    method: "POST",
    headers: JSON_HEADERS,
    credentials: "same-origin",
    body: JSON.stringify({ token }),
  });
  const body = (await res.json()) as Session | { error: { message: string } };
  if ("error" in body) return { error: body.error.message.replace(/^token: /, "") };
  return { session: body };
}

export async function logOut(): Promise<void> {
  await fetch("/auth/session", { method: "DELETE", credentials: "same-origin" });
}

/** Raised by the API client when a request comes back 401: the session ended (logout, revoke, expiry). */
export const SESSION_ENDED = "baton:session-ended";
