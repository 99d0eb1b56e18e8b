// The frame of every page: a dark sidebar with the product's sections and links to the API's own
// tools (GraphiQL, REST docs), the live connection's state, and the routed page beside it.
import { NavLink, Outlet } from "react-router-dom";
import { OpenAlertBadge } from "../../features/alerts/open-alert-count.tsx";
import { LiveIndicator } from "./live-indicator.tsx";
import { NavIcon } from "./nav-icon.tsx";

const sections = [
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
  return (
    <div className="shell">
      <aside className="sidebar">
        <NavLink to="/agents" className="brand" aria-label="Baton home">
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" />
            <path d="M9 23 23 9" />
            <circle cx="23" cy="9" r="3.5" />
          </svg>
          <span>Baton</span>
        </NavLink>
        <nav aria-label="Main">
          <ul className="nav-list">
            {sections.map((s) => (
              <li key={s.to}>
                <NavLink to={s.to} className={({ isActive }) => (isActive ? "nav-link active" : "nav-link")}>
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
        </footer>
      </aside>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
