// `baton tokens …`: API tokens on the server's database (DATABASE_URL), with or without a running
// server — the first token of a server that listens beyond loopback is made here.
import type { Database } from "../db.js";
import { AppError } from "../errors.js";
import { recordAudit } from "../security/audit.js";
import { isScope, parseStoredScopes, SCOPES } from "../security/scopes.js";
import { createToken, isActive, revokeToken } from "../security/tokens.js";
import { type Args, CliError, type Out } from "./args.js";

const USAGE = `baton tokens create --name <name> --scope <scope>[,<scope>…] [--expires-in <n>d|h] [--json]
baton tokens list [--all] [--json]
baton tokens revoke <id or secret prefix>

Scopes: ${SCOPES.join(", ")} (admin includes the others; write and run include read).`;

/** `30d` / `12h` from now. */
function expiry(value: string): Date {
  const m = /^(\d{1,5})([dh])$/.exec(value);
  if (!m) throw new CliError(`--expires-in must be a number of days or hours, like 30d or 12h (got '${value}')`);
  return new Date(Date.now() + Number(m[1]) * (m[2] === "d" ? 86_400_000 : 3_600_000));
}

export async function tokensCommand(db: Database, args: Args, out: Out): Promise<void> {
  const [sub, ...rest] = args.positional;
  if (sub === "create") {
    const name = args.option("name");
    if (!name) throw new CliError(`--name is required\n\n${USAGE}`);
    const scopes = args
      .options("scope")
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter(Boolean);
    if (scopes.length === 0)
      throw new CliError(`--scope is required (one or more of ${SCOPES.join(", ")})\n\n${USAGE}`);
    const unknown = scopes.filter((s) => !isScope(s));
    if (unknown.length > 0) throw new CliError(`unknown scope ${unknown.join(", ")}: use ${SCOPES.join(", ")}`);
    const expiresIn = args.option("expires-in");
    try {
      const { token, secret } = await createToken(db, {
        name,
        scopes,
        expiresAt: expiresIn ? expiry(expiresIn) : null,
      });
      await recordAudit(db, {
        principal: "cli",
        via: "cli",
        operation: "createApiToken",
        outcome: "ok",
        target: token.id,
      });
      const shown = {
        id: token.id,
        name: token.name,
        scopes: parseStoredScopes(token.scopes),
        expires_at: token.expiresAt,
        secret,
      };
      if (args.flag("json")) return out.json(shown);
      out.line(`Created token '${token.name}' (${token.id}) with scopes ${shown.scopes.join(", ")}.`);
      out.line("Its secret is shown this once and not stored: keep it now.\n");
      out.line(`  ${secret}\n`);
      out.line(`Send it as: Authorization: Bearer ${secret.slice(0, 12)}…  (or log in to the dashboard with it)`);
      return;
    } catch (e) {
      if (e instanceof AppError) throw new CliError(e.message);
      throw e;
    }
  }
  if (sub === "list") {
    const tokens = await db.prisma.apiToken.findMany({
      where: args.flag("all") ? {} : { revokedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const rows = tokens.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      scopes: parseStoredScopes(t.scopes),
      created_at: t.createdAt,
      last_used_at: t.lastUsedAt,
      expires_at: t.expiresAt,
      revoked_at: t.revokedAt,
      active: isActive(t),
    }));
    if (args.flag("json")) return out.json(rows);
    if (rows.length === 0) return out.line("No tokens. Create one: baton tokens create --name <name> --scope read");
    for (const r of rows)
      out.line(
        [
          r.id,
          r.name,
          `${r.prefix}…`,
          r.scopes.join(","),
          r.active ? "active" : r.revoked_at ? "revoked" : "expired",
          `last used ${r.last_used_at?.toISOString() ?? "never"}`,
        ].join("  "),
      );
    return;
  }
  if (sub === "revoke") {
    const id = rest[0];
    if (!id) throw new CliError(`give the token's id or secret prefix\n\n${USAGE}`);
    try {
      const token = await revokeToken(db, id);
      await recordAudit(db, {
        principal: "cli",
        via: "cli",
        operation: "revokeApiToken",
        outcome: "ok",
        target: token.id,
      });
      if (args.flag("json")) return out.json({ id: token.id, name: token.name, revoked_at: token.revokedAt });
      out.line(`Revoked token '${token.name}' (${token.id}); running servers stop accepting it within 2 seconds.`);
      return;
    } catch (e) {
      if (e instanceof AppError) throw new CliError(e.message);
      throw e;
    }
  }
  throw new CliError(sub ? `unknown tokens command '${sub}'\n\n${USAGE}` : USAGE);
}
