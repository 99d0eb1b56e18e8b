import type { Database } from "../db.js";
import type { BatonPubSub } from "./pubsub.js";

export interface Context {
  db: Database;
  pubsub: BatonPubSub;
  limits: { jsonLimit: number };
}
