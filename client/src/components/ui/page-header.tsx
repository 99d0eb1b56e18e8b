import type { ReactNode } from "react";

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
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}
