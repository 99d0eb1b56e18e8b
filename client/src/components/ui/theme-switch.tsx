// The theme switch in the sidebar: System (follow the operating system's setting), Light or Dark.
// Radio buttons in a fieldset, so it is one tab stop whose arrow keys pick, and a screen reader says
// "Theme, System, 1 of 3". The choice is stored and applied by lib/theme.ts.
import { setThemeChoice, THEME_CHOICES, type ThemeChoice, useThemeChoice } from "../../lib/theme.ts";

const LABELS: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

export function ThemeSwitch() {
  const choice = useThemeChoice();
  return (
    <fieldset className="theme-switch" data-testid="theme-switch">
      <legend className="sidebar-caption">Theme</legend>
      <div className="theme-switch-options">
        {THEME_CHOICES.map((c) => (
          <label key={c} className={c === choice ? "theme-option checked" : "theme-option"}>
            <input
              type="radio"
              name="baton-theme"
              value={c}
              checked={c === choice}
              onChange={() => setThemeChoice(c)}
            />
            {LABELS[c]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
