// axe-core in Chromium: the serious and critical violations of WCAG 2.0/2.1 A and AA plus best
// practices on the page as it is, as `{ "<impact> <rule>": [targets] }` (empty when clean).
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; any: { data: unknown }[] }[];
}

/** Runs axe on the page as it is; the serious and critical violations, `rule: [targets]`. */
export async function axeSevere(page: Page): Promise<Record<string, string[]>> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations;
  });
  const out: Record<string, string[]> = {};
  for (const v of violations)
    if (v.impact === "serious" || v.impact === "critical")
      out[`${v.impact} ${v.id}`] = v.nodes.map((n) => {
        // Contrast failures say which colours, so a failure reads without re-running axe.
        const data = n.any[0]?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
        const colours = data?.fgColor
          ? ` (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}) ${n.html.slice(0, 120)}`
          : "";
        return `${n.target.join(" ")}${colours}`;
      });
  return out;
}
