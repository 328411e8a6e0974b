// Candidate pairs of rows of one file that may lie within `meters` of each other, found with a grid of
// 0.001° cells in memory. Probing the staging table's GiST index once per row cost ~20 µs a row (2–3 s for
// 100,000 rows); the grid finds the few candidates in ~100 ms. It is a superset of the pairs whose boxes
// overlap (`ST_Expand` by the same dx, dy): the database still checks each pair exactly.

const CELL = 0.001;
const METERS_PER_DEGREE_LNG = 111_320;
const METERS_PER_DEGREE_LAT = 110_574;
// The database compares boxes stored as float4, rounded outwards: stay a little wider than them.
const SLACK = 1.01;
const SLACK_DEGREES = 1e-5;

export interface PointRow {
  rowNumber: number;
  lng: number | null;
  lat: number | null;
}

/** Pairs `[earlier, later]` of row numbers whose boxes of ±`meters` may overlap. */
export function nearbyPairs(rows: PointRow[], meters: number): Array<[number, number]> {
  const cells = new Map<number, PointRow[]>();
  const key = (cy: number, cx: number) => cy * 400_000 + cx;
  const dy = (meters / METERS_PER_DEGREE_LAT) * SLACK + SLACK_DEGREES;
  const reach = Math.ceil(dy / CELL);
  const pairs: Array<[number, number]> = [];
  // Rows in file order: each row meets only the earlier ones already in the grid.
  const ordered = rows
    .filter((r) => r.lng !== null && r.lat !== null && Number.isFinite(r.lng) && Number.isFinite(r.lat))
    .sort((a, b) => a.rowNumber - b.rowNumber);
  for (const row of ordered) {
    const lng = row.lng as number;
    const lat = row.lat as number;
    // The same horizontal reach as the SQL check: 100 m at this row's latitude (cos capped at 0.01).
    const dx =
      (meters / (METERS_PER_DEGREE_LNG * Math.max(Math.cos((lat * Math.PI) / 180), 0.01))) * SLACK +
      SLACK_DEGREES;
    const cx = Math.floor((lng + 180) / CELL);
    const cy = Math.floor((lat + 90) / CELL);
    const spanX = Math.ceil(dx / CELL);
    for (let y = cy - reach; y <= cy + reach; y++) {
      for (let x = cx - spanX; x <= cx + spanX; x++) {
        const found = cells.get(key(y, x));
        if (!found) continue;
        for (const other of found) {
          if (Math.abs(other.lat! - lat) <= dy && Math.abs(other.lng! - lng) <= dx)
            pairs.push([other.rowNumber, row.rowNumber]);
        }
      }
    }
    const own = key(cy, cx);
    const list = cells.get(own);
    if (list) list.push(row);
    else cells.set(own, [row]);
  }
  return pairs;
}
