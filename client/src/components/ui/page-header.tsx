// Every page's header: its title, and a "Copy link" button that copies the address bar, so any
// view (filters, selection, zoom all live in the URL) can be shared as it is.
import type { ReactNode } from "react";
import { CopyButton } from "./copy-button.tsx";

interface PageHeaderProps {
  title: ReactNode;
  /** Shown beside the title, outside the heading so its accessible name stays the title. */
  badge?: ReactNode;
  subtitle?: ReactNode;
  /** Breadcrumb-like link back to the parent page. */
  back?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, badge, subtitle, back, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div className="page-header-text">
        {back ? <div className="page-back">{back}</div> : null}
        <div className="page-title-row">
          <h1>{title}</h1>
          {badge}
        </div>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      <div className="page-actions">
        {actions}
        <CopyButton text={currentUrl} what="link" label="Copy link" className="button button-small copy-link" />
      </div>
    </header>
  );
}

const currentUrl = () => window.location.href;
