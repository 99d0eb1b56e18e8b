// Baton for the throughput bench: started through server/main.ts `start()` on a fresh, seeded
// SQLite database in a temp dir (removed on exit). Prints `READY <url>`; stops on SIGTERM/SIGINT.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start } from "../server/main.js";

const dir = mkdtempSync(join(tmpdir(), "baton-bench-"));
const baton = await start({
  PORT: process.env.PORT ?? "0",
  HOST: "127.0.0.1",
  DATABASE_URL: `file:${join(dir, "baton.db")}`,
  LOG_LEVEL: "silent",
  BATON_SEED: "auto",
}).catch((e: unknown) => {
  rmSync(dir, { recursive: true, force: true });
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
console.log(`READY ${baton.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    void baton.stop().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
