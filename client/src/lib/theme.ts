// The dashboard's theme. public/theme-init.js applies the stored choice before the first paint and
// follows the system setting; this module is the switch's side: it stores a new choice and applies it
// the same way, and lets components (the canvas painters, charts and graph, which cannot use CSS
// custom properties directly) read the theme in force and the token values it resolves to.
import { useMemo, useSyncExternalStore } from "react";

export type ThemeChoice = "system" | "light" | "dark";
export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "baton.theme";
export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

const prefersDark = () => window.matchMedia("(prefers-color-scheme: dark)").matches;

/** The theme a choice means now. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === "system" ? (systemDark ? "dark" : "light") : choice;
}

export function setThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage refused (private mode): the choice holds for this page only.
  }
  const theme = resolveTheme(choice, prefersDark());
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.dataset.themeChoice = choice;
  root.style.colorScheme = theme;
}

// The <html> element's attributes are the one record of the theme in force; components follow them.
function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme", "data-theme-choice"],
  });
  return () => observer.disconnect();
}

const readChoice = (): ThemeChoice => {
  const value = document.documentElement.dataset.themeChoice;
  return value === "light" || value === "dark" ? value : "system";
};
const readTheme = (): Theme => (document.documentElement.dataset.theme === "dark" ? "dark" : "light");

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, readChoice);
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, readTheme);
}

/** The value of a styles.css token (`--text`) in the theme in force. */
export function cssToken(name: `--${string}`): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/**
 * The values of named tokens (`{ ink: "--text" }` → `{ ink: "#e7e9f1" }`), for what paints without
 * CSS (canvas, cytoscape, nivo); read again when the theme changes, which also re-renders the caller.
 */
export function useThemeTokens<K extends string>(tokens: Readonly<Record<K, `--${string}`>>): Record<K, string> {
  const theme = useTheme();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme changes what the tokens resolve to
  return useMemo(
    () => Object.fromEntries(Object.entries(tokens).map(([k, name]) => [k, cssToken(name as `--${string}`)])),
    [tokens, theme],
  ) as Record<K, string>;
}
