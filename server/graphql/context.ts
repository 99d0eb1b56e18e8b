import type { Database } from "../db.js";
import type { CommandAllowlist } from "../engine/command-allowlist.js";
import type { Engine } from "../engine/engine.js";
import type { BatonPubSub } from "./pubsub.js";

export interface Context {
  db: Database;
  pubsub: BatonPubSub;
  /** This instance's workflow engine (runs started here run here). */
  engine: Engine;
  /** What this instance accepts: JSON sizes, and the executables command runners may start. */
  limits: { jsonLimit: number; commandAllowlist: CommandAllowlist };
}
