// An agent's contracts in the dashboard (Chromium): the detail page shows each schema or says none is
// declared, and the edit form sets one, shows the server's refusal beside the box (nothing written),
// and saves what REST then returns.
import { seedContracts } from "../../server/seed/contracts.js";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, poll, test } from "../testkit/browser.js";
import type { RestAgent } from "../testkit/rest.js";

const schema = { type: "object", required: ["n"], properties: { n: { type: "integer" } } };

describe("agent contracts in the dashboard", () => {
  test("a seeded agent's page shows both contracts as stored", async ({ page }) => {
    await page.goto("/ui/agents/TestAgent");
    const contracts = page.getByTestId("agent-contracts");
    await contracts.waitFor();
    const shown = async (id: string) => JSON.parse((await contracts.getByTestId(id).textContent()) ?? "");
    expect(await shown("input-schema")).toEqual(seedContracts.TestAgent?.input);
    expect(await shown("output-schema")).toEqual(seedContracts.TestAgent?.output);
  });

  test("the edit form refuses an invalid schema beside its box, then saves a valid one", async ({ page, api }) => {
    const name = uniqueName("UiContract");
    expect((await api.post("/agents", agentBody({ name }))).status).toBe(201);
    await page.goto(`/ui/agents/${name}`);
    await expect(page.getByTestId("input-schema").textContent()).resolves.toBe("none declared");

    await page.goto(`/ui/agents/${name}/edit`);
    await page.getByTestId("agent-form").waitFor();
    const box = page.getByLabel("Input schema", { exact: true });
    await box.fill('{ "type": "objekt" }');
    await page.getByRole("button", { name: "Save changes" }).click();
    await poll(() => page.getByTestId("agent-input-schema-error").textContent()).toContain(
      "type: invalid JSON Schema: must be equal to one of the allowed values",
    );
    expect((await api.get<RestAgent>(`/agents/${name}`)).body.input_schema).toBeNull();

    await box.fill(JSON.stringify(schema));
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(`**/ui/agents/${name}`);
    await poll(async () => JSON.parse((await page.getByTestId("input-schema").textContent()) ?? "null")).toEqual(
      schema,
    );
    await expect(page.getByTestId("output-schema").textContent()).resolves.toBe("none declared");
    expect((await api.get<RestAgent>(`/agents/${name}`)).body).toMatchObject({
      input_schema: schema,
      output_schema: null,
    });
  });
});
