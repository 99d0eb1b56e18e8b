// `npm run seed` seeds the database in DATABASE_URL (migrating it first); `-- --demo` adds a few
// weeks of generated executions. Safe to run repeatedly: a second run changes nothing.
import { openDatabase } from "../db.js";
import { parseEnv } from "../env.js";
import { seedDemo } from "../seed/demo.js";
import { seedDatabase } from "../seed/seed.js";

const env = parseEnv();
const db = await openDatabase(env.DATABASE_URL);
try {
  const r = await seedDatabase(db);
  const where = env.DATABASE_URL.startsWith("file:") ? env.DATABASE_URL : "PostgreSQL";
  console.log(
    `seeded ${where}: patterns +${r.patternsCreated} created, ${r.patternsUpdated} updated; agents +${r.agentsCreated} created, ${r.agentsKept} already present; workflows +${r.workflowsCreated} created, ${r.workflowsKept} already present`,
  );
  for (const skipped of r.workflowsSkipped) console.warn(`template skipped: ${skipped}`);
  if (process.argv.includes("--demo")) {
    const { created } = await seedDemo(db, {}, env.BATON_JSON_LIMIT);
    console.log(created ? `demo: ${created} executions recorded` : "demo: already present, nothing added");
  }
} finally {
  await db.close();
}
