// The agent browser's filters live in the URL (?capability=&pattern=&q=&page=) so a filtered view
// can be shared and survives reloads. The search box is debounced before it reaches the URL.
import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useDebouncedValue } from "../../../lib/use-debounced-value.ts";

export const AGENTS_PAGE_SIZE = 24;

export function useAgentFilters() {
  const [params, setParams] = useSearchParams();
  const capability = params.get("capability") ?? "";
  const pattern = params.get("pattern") ?? "";
  const q = params.get("q") ?? "";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);

  const update = useCallback(
    (changes: Record<string, string | null>, replace = false) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          // A different filter starts again at the first page.
          if (!("page" in changes)) next.delete("page");
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );

  const [search, setSearch] = useState(q);
  const debouncedSearch = useDebouncedValue(search, 300);
  const written = useRef(q);

  useEffect(() => {
    const value = debouncedSearch.trim();
    if (value === written.current) return;
    written.current = value;
    update({ q: value || null }, true);
  }, [debouncedSearch, update]);

  // Back/forward or a link changed ?q=: show it in the box.
  useEffect(() => {
    if (q !== written.current) {
      written.current = q;
      setSearch(q);
    }
  }, [q]);

  return {
    capability,
    pattern,
    q,
    page,
    search,
    setSearch,
    setCapability: (value: string) => update({ capability: value || null }),
    setPattern: (value: string) => update({ pattern: value || null }),
    setPage: (n: number) => update({ page: n > 1 ? String(n) : null }),
    clear: () => {
      written.current = "";
      setSearch("");
      update({ capability: null, pattern: null, q: null });
    },
    active: Boolean(capability || pattern || q),
  };
}
