// Exports compared across two atlases: what differs by nature (dates, versions, the import source) is left out.

/** An export without what differs between two atlases by nature: dates, versions, the import source. */
export function stable(body: string, format: 'geojson' | 'csv' | 'gogocarto' | 'mednum' | 'jsonld'): unknown {
  if (format === 'csv' || format === 'mednum') {
    const [header, ...rows] = body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const columns = (header ?? '').split(',');
    const volatile = new Set(['created_at', 'updated_at', 'source', 'source_ref', 'date_maj']);
    const drop = columns.map((c) => volatile.has(c));
    // Cells hold no raw newline in these files' first column, so a row starts with its id.
    return rows
      .join('\r\n')
      .split(/\r\n(?=[0-9a-f]{8}-)/)
      .map((row) => splitCsv(row).filter((_, i) => !drop[i]))
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  }
  const json = JSON.parse(body);
  const list = (json.features ?? json.data ?? json['@graph']) as Array<Record<string, unknown>>;
  // A link to an entry the file does not hold cannot come back (GoGoCarto leaves out unlocated entries).
  const ids = new Set(list.map((item) => item.id ?? item.identifier));
  const within = (relations: unknown) =>
    Object.fromEntries(
      Object.entries((relations ?? {}) as Record<string, Array<string | { id: string }>>)
        .map(([type, targets]) => [type, targets.filter((x) => ids.has(typeof x === 'string' ? x : x.id))])
        .filter(([, targets]) => (targets as unknown[]).length > 0),
    );
  return list
    .map((item): Record<string, unknown> => {
      const { properties, ...rest } = item as { properties?: Record<string, unknown> };
      const clean = (o: Record<string, unknown>) => {
        const {
          createdAt: _c,
          updatedAt: _u,
          version: _v,
          source: _s,
          sourceRef: _r,
          sourceKey: _k,
          dateModified: _d,
          ...kept
        } = o;
        return kept;
      };
      if (properties)
        return {
          ...clean(rest),
          properties: { ...clean(properties), relations: within(properties.relations) },
        };
      const { relations, ...kept } = clean(rest);
      const links = within(relations);
      return Object.keys(links).length > 0 ? { ...kept, relations: links } : kept;
    })
    .sort((a, b) => String(a.id ?? a.identifier).localeCompare(String(b.id ?? b.identifier)));
}

function splitCsv(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (quoted) {
      if (c === '"' && row[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
