// The dark theme in Chromium: it follows the system's prefers-color-scheme (and its changes), the
// sidebar's switch overrides it and is remembered across a reload, the theme is on <html> before the
// page's body is parsed (no flash of the other theme), and the colours really change: the page's
// background and text, and what the canvas painters and charts read (styles.css tokens).
import type { Page } from "playwright-core";
import { describe, expect, poll, recentWindow, test } from "../testkit/browser.js";
import { iso, uniqueExecutionId } from "../testkit/executions.js";
import { uniqueName } from "../testkit/factories.js";

/** styles.css's values, as getComputedStyle reports them. */
const LIGHT = { bg: "rgb(245, 246, 250)", text: "rgb(22, 26, 38)", scheme: "light" };
const DARK = { bg: "rgb(11, 14, 25)", text: "rgb(231, 233, 241)", scheme: "dark" };

/** What the page shows now: the theme on <html>, the body's colours and the used color-scheme. */
function looks(page: Page) {
  return page.evaluate(() => {
    const body = getComputedStyle(document.body);
    return {
      theme: document.documentElement.dataset.theme,
      bg: body.backgroundColor,
      text: body.color,
      scheme: getComputedStyle(document.documentElement).colorScheme,
    };
  });
}

const themeOption = (page: Page, name: "System" | "Light" | "Dark") =>
  page.getByTestId("theme-switch").getByRole("radio", { name });

describe("the theme", () => {
  test("follows the system setting, also when it changes while the page is open", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/ui/agents");
    await page.getByRole("heading", { name: "Agents", level: 1 }).waitFor();
    await expect(looks(page)).resolves.toEqual({ theme: "dark", ...DARK });
    await expect(themeOption(page, "System").isChecked()).resolves.toBe(true);

    await page.emulateMedia({ colorScheme: "light" });
    await poll(() => looks(page)).toEqual({ theme: "light", ...LIGHT });
  });

  test("the switch overrides the system, is kept across a reload and is on <html> before the body is parsed", async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: "light" });
    // What <html> says at the moment <body> is inserted: before any content (or React) could paint.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.body) return;
        (window as unknown as { __themeAtBody: unknown }).__themeAtBody = {
          theme: document.documentElement.dataset.theme ?? null,
          scheme: document.documentElement.style.colorScheme,
        };
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    const atBody = () => page.evaluate(() => (window as unknown as { __themeAtBody: unknown }).__themeAtBody);
    await page.goto("/ui/agents");
    await page.getByRole("heading", { name: "Agents", level: 1 }).waitFor();
    await expect(atBody()).resolves.toEqual({ theme: "light", scheme: "light" });
    await expect(looks(page)).resolves.toEqual({ theme: "light", ...LIGHT });

    await themeOption(page, "Dark").check();
    await poll(() => looks(page)).toEqual({ theme: "dark", ...DARK });
    await expect(page.evaluate(() => localStorage.getItem("baton.theme"))).resolves.toBe("dark");

    await page.reload();
    await page.getByRole("heading", { name: "Agents", level: 1 }).waitFor();
    await expect(atBody()).resolves.toEqual({ theme: "dark", scheme: "dark" });
    await expect(looks(page)).resolves.toEqual({ theme: "dark", ...DARK });
    await expect(themeOption(page, "Dark").isChecked()).resolves.toBe(true);
    // A system change does not move a theme chosen by hand.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.emulateMedia({ colorScheme: "light" });
    await expect(looks(page)).resolves.toEqual({ theme: "dark", ...DARK });

    // Light by hand on a dark system, then back to System.
    await page.emulateMedia({ colorScheme: "dark" });
    await themeOption(page, "Light").check();
    await poll(() => looks(page)).toEqual({ theme: "light", ...LIGHT });
    await expect(page.evaluate(() => localStorage.getItem("baton.theme"))).resolves.toBe("light");
    await themeOption(page, "System").check();
    await poll(() => looks(page)).toEqual({ theme: "dark", ...DARK });
    await expect(page.evaluate(() => localStorage.getItem("baton.theme"))).resolves.toBe(null);
  });

  test("the switch is one group of three radios named Theme, driven by the keyboard", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/ui/agents");
    const group = page.getByRole("group", { name: "Theme" });
    // evaluateAll does not wait for the page to render the switch: poll until it has.
    await poll(() =>
      group
        .getByRole("radio")
        .evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent)),
    ).toEqual(["System", "Light", "Dark"]);
    await themeOption(page, "System").focus();
    await page.keyboard.press("ArrowRight");
    await poll(() => looks(page)).toEqual({ theme: "light", ...LIGHT });
    await page.keyboard.press("ArrowRight");
    await poll(() => looks(page)).toEqual({ theme: "dark", ...DARK });
  });

  test("the handoff graph's labels and the timeline's canvas take the theme's colours", async ({ page, api }) => {
    const { startMs, endMs } = recentWindow();
    const root = uniqueExecutionId("theme");
    const parent = uniqueName("ThemeParent");
    const child = uniqueName("ThemeChild");
    for (const body of [
      { id: root, agent_name: parent, status: "success", timestamp: iso(startMs + 600_000), duration_ms: 60_000 },
      {
        id: uniqueExecutionId("theme"),
        agent_name: child,
        status: "success",
        timestamp: iso(startMs + 620_000),
        duration_ms: 10_000,
        parent_execution_id: root,
      },
    ])
      expect((await api.post("/executions", body)).status).toBe(201);
    const range = new URLSearchParams({ start_date: iso(startMs), end_date: iso(endMs) });

    // The graph: a node's label colour and its label's background, from cytoscape's own style.
    const label = () =>
      page.evaluate((id) => {
        const node = window.__batonGraph?.$id(id);
        return node?.length ? [node.style("color"), node.style("text-background-color")] : null;
      }, parent);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`/ui/graph?${range}`);
    await poll(label).toEqual(["rgb(231,233,241)", "rgb(20,25,39)"]);
    await themeOption(page, "Light").check();
    await poll(label).toEqual(["rgb(22,26,38)", "rgb(255,255,255)"]);

    // The timeline: the axis strip at the canvas's top left is painted in --surface.
    const axisPixel = () =>
      page.getByTestId("timeline-canvas").evaluate((canvas: HTMLCanvasElement) => {
        const [r, g, b] = canvas.getContext("2d")?.getImageData(1, 1, 1, 1).data ?? [];
        return [r, g, b];
      });
    await page.goto(`/ui/timeline?${range}`);
    await poll(() => page.evaluate(() => window.__batonTimeline?.bars.length ?? 0)).toBe(2);
    await poll(axisPixel).toEqual([255, 255, 255]);
    await themeOption(page, "Dark").check();
    await poll(axisPixel).toEqual([20, 25, 39]);
  });
});
