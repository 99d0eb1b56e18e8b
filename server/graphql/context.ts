import type { Database } from "../db.js";
import type { CommandAllowlist } from "../engine/command-allowlist.js";
import type { Engine } from "../engine/engine.js";
import type { Principal } from "../security/scopes.js";
import type { BatonPubSub } from "./pubsub.js";

/** How a request arrived, for the audit log. */
export interface RequestOrigin {
  via: "graphql" | "rest" | "ws";
  /** `METHOD /path` of a REST request. */
  request?: string;
}

export interface Context {
  db: Database;
  pubsub: BatonPubSub;
  /** This instance's workflow engine (runs started here run here). */
  engine: Engine;
  /** What this instance accepts: JSON sizes, and the executables command runners may start. */
  limits: { jsonLimit: number; commandAllowlist: CommandAllowlist };
  /** Where Serena memories live (docs/serena.md): BATON_SERENA_DIR and the working directory. */
  memory?: { serenaDir: string | null; workdir: string };
  /** Who is asking: a token (with its scopes), or the local user when authentication is off. */
  auth: Principal;
  origin: RequestOrigin;
  /** A token was revoked here: forget it at once, end its open sockets. */
  tokenRevoked(tokenId: string): void;
}
