// A Baton that asks for tokens, used from Chromium: the login form (a wrong token refused, the
// right one opening a session the page's scripts cannot read), the Access page creating a token
// whose secret is shown once and works over REST, revoking it (REST refuses it at once), the
// audit log listing both, and logging out.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createToken } from "../../server/security/tokens.js";
import { ensureClientBuilt, launchChromium, poll, UI_TIMEOUT_MS } from "../testkit/browser.js";
import { rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let adminSecret: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startTestServer({ env: { BATON_AUTH: "on" } });
  adminSecret = (await createToken(server.db, { name: "ops-admin", scopes: ["admin"] })).secret;
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a Baton with BATON_AUTH=on, in Chromium", () => {
  test("shows the login form, refuses a wrong token, and opens the dashboard with the right one", async () => {
    await page.goto("/ui/agents");
    await page.getByRole("heading", { name: "Log in to Baton" }).waitFor();
    await page.getByLabel("API token").fill("baton_wrongwrongwrongwrongwrongwrong1");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("not a valid token (unknown, revoked or expired)");

    await page.getByLabel("API token").fill(adminSecret);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: "Agents", level: 1 }).waitFor();
    // The session cookie is HttpOnly: the page's own scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain("baton_session");
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "baton_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  });

  test("the Access page creates a token whose secret works once copied, then revokes it", async () => {
    await page.goto("/ui/access");
    await page.getByText("Logged in with token").waitFor();
    await page.getByLabel("Name").fill("ci-runner");
    await page.getByRole("checkbox", { name: /run — start and cancel/ }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = (await page.getByTestId("token-secret").locator("code").textContent()) ?? "";
    expect(secret).toMatch(/^baton_[A-Za-z0-9_-]{32}$/);

    const asCi = rest(server.url, { authorization: `Bearer ${secret}` });
    expect((await asCi.get("/auth/session")).body).toMatchObject({ actor: "ci-runner", scopes: ["read", "run"] });
    expect((await asCi.post("/agents", { name: "NotAllowed" })).status).toBe(403);

    const row = page.getByTestId("tokens-table").getByRole("row", { name: /ci-runner/ });
    await expect.poll(() => row.getByRole("cell").nth(2).textContent()).toBe("read, run");
    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "Revoke" }).click();
    await poll(() => row.count()).toBe(0);
    expect((await asCi.get("/agents")).status).toBe(401);

    const audit = page.getByTestId("audit-table");
    await poll(async () =>
      (await audit.getByRole("row").allTextContents())
        .filter((r) => r.includes("ops-admin"))
        .map((r) => r.replace(/^.*?ops-admin/, "")),
    ).toEqual(
      expect.arrayContaining([expect.stringMatching(/^revokeApiToken/), expect.stringMatching(/^createApiToken/)]),
    );
  });

  test("the home page's curl sends the token from $BATON_TOKEN, and works with a write token", async () => {
    await page.goto("/ui/");
    const record = page.getByRole("figure", { name: "record an execution" }).getByTestId("command");
    const expected = `curl -X POST ${server.url}/executions -H 'content-type: application/json' -H "authorization: Bearer $BATON_TOKEN" -d '{"agent_name":"TestAgent","status":"success","duration_ms":1200,"inputs":{"task":"hello from curl"}}'`;
    await expect.poll(() => record.textContent()).toBe(expected);
    await expect
      .poll(() => page.getByRole("figure", { name: "create a token" }).getByTestId("command").textContent())
      .toBe("npm run baton -- tokens create --name my-script --scope write");
    const writer = (await createToken(server.db, { name: "home-writer", scopes: ["write"] })).secret;
    const run = (token: string) =>
      promisify(execFile)("sh", ["-c", expected], { env: { ...process.env, BATON_TOKEN: token }, timeout: 10_000 });
    const ok = JSON.parse((await run(writer)).stdout) as { agent_name: string };
    expect(ok.agent_name).toBe("TestAgent");
    // The refusal: without a valid token the same command records nothing.
    const refused = JSON.parse((await run("baton_notatoken")).stdout) as { error: { code: string } };
    expect(refused.error.code).toBe("UNAUTHENTICATED");
  });

  test("logging out brings the login form back and the old session is refused", async () => {
    await page.goto("/ui/access");
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("heading", { name: "Log in to Baton" }).waitFor();
    expect((await context.cookies()).find((c) => c.name === "baton_session")).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });
});
