interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  onOffsetChange: (offset: number) => void;
}

/** Previous/next paging over a limit/offset list; renders nothing when one page holds everything. */
export function Pager({ total, limit, offset, onOffsetChange }: PagerProps) {
  if (total <= limit && offset === 0) return null;
  const first = Math.min(offset + 1, total);
  const last = Math.min(offset + limit, total);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pager" aria-label="Pagination" data-testid="pager">
      <button
        type="button"
        className="button"
        disabled={offset === 0}
        onClick={() => onOffsetChange(Math.max(0, offset - limit))}
      >
        ← Previous
      </button>
      <span className="pager-status">
        {first}–{last} of {total} · page {page} of {pages}
      </span>
      <button
        type="button"
        className="button"
        disabled={offset + limit >= total}
        onClick={() => onOffsetChange(offset + limit)}
      >
        Next →
      </button>
    </nav>
  );
}
