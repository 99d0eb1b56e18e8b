// The handoff messages in tests/fixtures/handoffs/, each checked against the contract of the agent
// interface it is for (server/seed/contracts.ts): valid ones pass, invalid ones fail with exactly
// the problem (and path) the fixture names. Every seeded agent has a valid and an invalid fixture
// for each side of its contract.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { contractViolation } from "../../server/engine/contracts.js";
import type { Json } from "../../server/engine/types.js";
import { seedContracts } from "../../server/seed/contracts.js";

const dir = fileURLToPath(new URL("../fixtures/handoffs/", import.meta.url));

interface Fixture {
  agent: string;
  side: "input" | "output";
  valid: boolean;
  /** For an invalid one: the run-time message's problem list. */
  error?: string;
  message: Json;
}

const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(`${dir}${file}`, "utf8")) as Fixture] as const);

describe.each(fixtures)("%s", (file, fixture) => {
  test(fixture.valid ? "satisfies its contract" : `breaks its contract: ${fixture.error}`, () => {
    expect(file.startsWith(`${fixture.agent}.${fixture.side}.${fixture.valid ? "valid" : "invalid"}-`)).toBe(true);
    const schema = seedContracts[fixture.agent]?.[fixture.side];
    if (!schema) throw new Error(`${fixture.agent} has no ${fixture.side} contract`);
    expect(contractViolation(schema, fixture.message)).toBe(fixture.valid ? null : fixture.error);
  });
});

test("every side of every seeded contract has a valid and an invalid fixture", () => {
  const have = new Set(fixtures.map(([, f]) => `${f.agent}.${f.side}.${f.valid}`));
  for (const [agent, contract] of Object.entries(seedContracts))
    for (const side of ["input", "output"] as const)
      if (contract[side])
        for (const valid of [true, false])
          expect(have, `${agent} ${side} ${valid}`).toContain(`${agent}.${side}.${valid}`);
});
