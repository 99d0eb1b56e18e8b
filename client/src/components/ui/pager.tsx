interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  onOffsetChange: (offset: number) => void;
}

/**
 * Previous/next paging over a limit/offset list; renders nothing when one page holds everything.
 * An offset past the end (the list shrank, an old link) reads as such, and Previous goes to the
 * last page rather than to another empty one.
 */
export function Pager({ total, limit, offset, onOffsetChange }: PagerProps) {
  if (total <= limit && offset === 0) return null;
  const pages = Math.max(1, Math.ceil(total / limit));
  const lastPageOffset = (pages - 1) * limit;
  const pastEnd = offset > lastPageOffset;
  const first = offset + 1;
  const last = Math.min(offset + limit, total);
  const page = Math.floor(offset / limit) + 1;
  return (
    <nav className="pager" aria-label="Pagination" data-testid="pager">
      <button
        type="button"
        className="button"
        disabled={offset === 0}
        onClick={() => onOffsetChange(pastEnd ? lastPageOffset : Math.max(0, offset - limit))}
      >
        ← Previous
      </button>
      <span className="pager-status">
        {pastEnd
          ? `page ${page} is past the last page (${pages}) · ${total} in all`
          : `${first}–${last} of ${total} · page ${page} of ${pages}`}
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
