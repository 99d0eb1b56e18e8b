// Secrets written in a template step's runner override are treated like an agent's: the template
// and every run's stored definition read them masked, the mask sent back keeps them while the
// step's destination is unchanged, and it is refused (400 naming the field) otherwise.
import { describe, expect, test } from "../testkit/fixtures.js";
import { uniqueName } from "../testkit/factories.js";
import { headerRecorder } from "../testkit/http.js";
import { registerAgent, startRun, waitForRun } from "../testkit/workflows.js";

const MASK = "********";

describe("secrets in a step's runner override", () => {
  test("read masked in the template and the run; kept on a round trip; refused when the URL moves", async ({ api }) => {
    const [endpoint, other] = [await headerRecorder(), await headerRecorder()];
    try {
      const name = uniqueName("step-secret");
      // An agent without contracts: the recorder's `{ ok: true }` is no seeded agent's output.
      const agent = await registerAgent(api, { kind: "mock" });
      const step = (url: string, authorization: string) => ({
        id: "call",
        agent,
        runner: { kind: "http", settings: { url, headers: { authorization } } },
      });
      const created = await api.post<{ id: string; steps: unknown }>("/workflows", {
        name,
        steps: [{ sequential: [step(endpoint.url, "Bearer st3p")] }],
      });
      expect(created.status).toBe(201);
      expect(created.body.steps).toEqual([{ sequential: [step(endpoint.url, MASK)] }]);
      expect(JSON.stringify((await api.get(`/workflows/${name}`)).body)).not.toContain("st3p");

      // The edit form's round trip: the mask back, the URL unchanged.
      const kept = await api.patch(`/workflows/${name}`, { steps: [{ sequential: [step(endpoint.url, MASK)] }] });
      expect(kept.status).toBe(200);
      const run = await waitForRun(api, (await startRun(api, created.body.id)).id);
      expect(run.status).toBe("succeeded");
      expect(endpoint.seen.map((h) => h.authorization)).toEqual(["Bearer st3p"]);
      expect(JSON.stringify(run)).not.toContain("st3p");
      expect((run as unknown as { definition: unknown }).definition).toMatchObject({
        steps: [{ sequential: [step(endpoint.url, MASK)] }],
      });

      const moved = await api.patch<{ error: { field: string; message: string } }>(`/workflows/${name}`, {
        steps: [{ sequential: [step(other.url, MASK)] }],
      });
      expect(moved.status).toBe(400);
      expect(moved.body.error).toMatchObject({
        field: "steps[0].sequential[0].runner.settings.headers.authorization",
        message:
          "steps[0].sequential[0].runner.settings.headers.authorization: send this secret again: the runner's url changed",
      });
      expect(other.seen).toEqual([]);

      const fresh = await api.post<{ error: { field: string } }>("/workflows", {
        name: uniqueName("step-mask"),
        steps: [step(endpoint.url, MASK)],
      });
      expect([fresh.status, fresh.body.error.field]).toEqual([400, "steps[0].runner.settings.headers.authorization"]);
    } finally {
      await Promise.all([endpoint.close(), other.close()]);
    }
  });
});
