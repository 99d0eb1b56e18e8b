// The frame of every page: a dark sidebar with the product's sections and links to the API's own
// tools (GraphiQL, REST docs), the live connection's state, and the routed page beside it.
// A skip link leads keyboard users past the navigation to the page. Below 760px the sidebar is a top
// bar whose navigation folds behind a menu button (aria-expanded), closed again on navigation.
import { useEffect, useState } from "react";
import { NavLink, Outlet, useLocation } from "react-router-dom";
import { OpenAlertBadge } from "../../features/alerts/open-alert-count.tsx";
import { LiveIndicator } from "./live-indicator.tsx";
import { NavIcon } from "./nav-icon.tsx";
import { ThemeSwitch } from "./theme-switch.tsx";

const sections = [
  { to: "/", label: "Home", icon: "home" },
  { to: "/agents", label: "Agents", icon: "agents" },
  { to: "/traces", label: "Traces", icon: "traces" },
  { to: "/timeline", label: "Timeline", icon: "timeline" },
  { to: "/workflows", label: "Workflows", icon: "workflows" },
  { to: "/metrics", label: "Metrics", icon: "metrics" },
  { to: "/graph", label: "Graph", icon: "graph" },
  { to: "/patterns", label: "Patterns", icon: "patterns" },
  { to: "/health", label: "Health", icon: "health" },
  { to: "/alerts", label: "Alerts", icon: "alerts" },
  { to: "/access", label: "Access", icon: "access" },
  { to: "/integrations", label: "Integrations", icon: "integrations" },
] as const;

export function AppShell() {
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  // Following a link closes the phone menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on every change of page
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <div className={menuOpen ? "shell menu-open" : "shell"}>
      <a className="skip-link" href="#main-content">
        Skip to content
      </a>
      <aside className="sidebar">
        <NavLink to="/" className="brand" aria-label="Baton home">
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" />
            <path d="M9 23 23 9" />
            <circle cx="23" cy="9" r="3.5" />
          </svg>
          <span>Baton</span>
        </NavLink>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <svg className="nav-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d={menuOpen ? "M6 6l12 12M18 6 6 18" : "M4 7h16M4 12h16M4 17h16"} />
          </svg>
          Menu
        </button>
        <div className="sidebar-menu" id="main-menu">
          <nav aria-label="Main">
            <ul className="nav-list">
              {sections.map((s) => (
                <li key={s.to}>
                  <NavLink
                    to={s.to}
                    end={s.to === "/"}
                    className={({ isActive }) => (isActive ? "nav-link active" : "nav-link")}
                  >
                    <NavIcon name={s.icon} />
                    {s.label}
                    {s.to === "/alerts" ? <OpenAlertBadge /> : null}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <footer className="sidebar-footer">
            <LiveIndicator />
            <span className="sidebar-caption">API</span>
            <a className="nav-link" href="/graphql" target="_blank" rel="noreferrer">
              <NavIcon name="graphiql" />
              GraphiQL
            </a>
            <a className="nav-link" href="/docs" target="_blank" rel="noreferrer">
              <NavIcon name="docs" />
              REST docs
            </a>
            <ThemeSwitch />
          </footer>
        </div>
      </aside>
      <main className="content" id="main-content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
