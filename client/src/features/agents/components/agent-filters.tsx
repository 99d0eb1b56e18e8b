interface AgentFiltersProps {
  capabilities: string[];
  patterns: { slug: string; name: string }[];
  capability: string;
  pattern: string;
  search: string;
  onCapability: (value: string) => void;
  onPattern: (value: string) => void;
  onSearch: (value: string) => void;
  onClear?: (() => void) | undefined;
}

export function AgentFilters(props: AgentFiltersProps) {
  const { capabilities, patterns, capability, pattern, search } = props;
  // A capability named in the URL stays selectable even when no agent has it any more.
  const options = capability && !capabilities.includes(capability) ? [capability, ...capabilities] : capabilities;
  return (
    <search className="filters" aria-label="Filter agents">
      <div className="filter filter-search">
        <label htmlFor="agent-search">Search</label>
        <input
          id="agent-search"
          type="search"
          placeholder="Name, description, capability or tool"
          value={search}
          onChange={(e) => props.onSearch(e.target.value)}
        />
      </div>
      <div className="filter">
        <label htmlFor="agent-capability">Capability</label>
        <select id="agent-capability" value={capability} onChange={(e) => props.onCapability(e.target.value)}>
          <option value="">All capabilities</option>
          {options.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="agent-pattern">Pattern</label>
        <select id="agent-pattern" value={pattern} onChange={(e) => props.onPattern(e.target.value)}>
          <option value="">All patterns</option>
          {patterns.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {props.onClear ? (
        <button type="button" className="button button-ghost filter-clear" onClick={props.onClear}>
          Clear filters
        </button>
      ) : null}
    </search>
  );
}
