// Applies the dashboard's theme before the first paint: a classic script in <head> (index.html),
// so it blocks rendering for the microseconds it takes, where a module would run after the page is
// drawn. The choice ("system", "light" or "dark") is kept in localStorage under "baton.theme" by the
// switch in the sidebar (client/src/lib/theme.ts, which applies it the same way); "system" follows
// prefers-color-scheme, here and whenever the system setting changes.
(() => {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const choice = () => {
    try {
      const stored = window.localStorage.getItem("baton.theme");
      return stored === "light" || stored === "dark" ? stored : "system";
    } catch {
      return "system";
    }
  };
  const apply = () => {
    const picked = choice();
    const theme = picked === "system" ? (media.matches ? "dark" : "light") : picked;
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.dataset.themeChoice = picked;
    root.style.colorScheme = theme;
  };
  apply();
  media.addEventListener("change", apply);
  // Another tab changed the choice.
  window.addEventListener("storage", (e) => {
    if (e.key === "baton.theme") apply();
  });
})();
