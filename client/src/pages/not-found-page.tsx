import { Link } from "react-router-dom";
import { EmptyState } from "../components/ui/query-state.tsx";

export function NotFoundPage() {
  return (
    <>
      <title>Not found · Baton</title>
      <EmptyState title="This page does not exist">
        <Link to="/agents">Go to agents</Link>
      </EmptyState>
    </>
  );
}
