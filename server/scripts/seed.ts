// `npm run seed`: seeds the database in DATABASE_URL (migrating it first). Safe to run repeatedly.
import { openDatabase } from "../db.js";
import { parseEnv } from "../env.js";
import { seedDatabase } from "../seed/seed.js";

const env = parseEnv();
const db = await openDatabase(env.DATABASE_URL);
try {
  const r = await seedDatabase(db);
  console.log(
    `seeded ${env.DATABASE_URL.startsWith("file:") ? env.DATABASE_URL : "PostgreSQL"}: patterns +${r.patternsCreated} created, ${r.patternsUpdated} updated; agents +${r.agentsCreated} created, ${r.agentsKept} already present`,
  );
} finally {
  await db.close();
}
