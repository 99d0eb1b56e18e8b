// Routes of the dashboard. The server serves it under /ui/, hence the basename.
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { AppShell } from "./components/ui/app-shell.tsx";
import { AgentDetailPage } from "./pages/agent-detail-page.tsx";
import { AgentEditPage } from "./pages/agent-edit-page.tsx";
import { AgentNewPage } from "./pages/agent-new-page.tsx";
import { AccessPage } from "./pages/access-page.tsx";
import { AgentsPage } from "./pages/agents-page.tsx";
import { AlertsPage } from "./pages/alerts-page.tsx";
import { HealthPage } from "./pages/health-page.tsx";
import { HomePage } from "./pages/home-page.tsx";
import { IntegrationsPage } from "./pages/integrations-page.tsx";
import { GraphPage } from "./pages/graph-page.tsx";
import { MetricsPage } from "./pages/metrics-page.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { PatternDetailPage } from "./pages/pattern-detail-page.tsx";
import { PatternsPage } from "./pages/patterns-page.tsx";
import { TimelinePage } from "./pages/timeline-page.tsx";
import { TracesPage } from "./pages/traces-page.tsx";
import { TraceViewPage } from "./pages/trace-view-page.tsx";
import { WorkflowDetailPage } from "./pages/workflow-detail-page.tsx";
import { WorkflowRunPage } from "./pages/workflow-run-page.tsx";
import { WorkflowsPage } from "./pages/workflows-page.tsx";

const router = createBrowserRouter(
  [
    {
      path: "/",
      element: <AppShell />,
      children: [
        { index: true, element: <HomePage /> },
        { path: "agents", element: <AgentsPage /> },
        { path: "agents/new", element: <AgentNewPage /> },
        { path: "agents/:name", element: <AgentDetailPage /> },
        { path: "agents/:name/edit", element: <AgentEditPage /> },
        { path: "patterns", element: <PatternsPage /> },
        { path: "patterns/:slug", element: <PatternDetailPage /> },
        { path: "traces", element: <TracesPage /> },
        { path: "traces/:id", element: <TraceViewPage /> },
        { path: "timeline", element: <TimelinePage /> },
        { path: "workflows", element: <WorkflowsPage /> },
        { path: "workflows/runs/:runId", element: <WorkflowRunPage /> },
        { path: "workflows/:id", element: <WorkflowDetailPage /> },
        { path: "metrics", element: <MetricsPage /> },
        { path: "graph", element: <GraphPage /> },
        { path: "health", element: <HealthPage /> },
        { path: "alerts", element: <AlertsPage /> },
        { path: "access", element: <AccessPage /> },
        { path: "integrations", element: <IntegrationsPage /> },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: "/ui" },
);

export function App() {
  return <RouterProvider router={router} />;
}
