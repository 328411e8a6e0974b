// The two projected systems the field's files use instead of longitude/latitude: Lambert-93 (EPSG:2154,
// French official data, QGIS and ArcGIS exports) and Web Mercator (EPSG:3857, web maps and ArcGIS
// services). Both are inverted here with their closed formulas; anything else is left to the caller.

/** An EPSG code that can be turned back into WGS84 longitude/latitude. */
export type ProjectedCrs = 2154 | 3857;

const DEG = 180 / Math.PI;

// Lambert-93: Lambert conformal conic with two standard parallels on GRS80 (RGF93 equals WGS84 within a metre).
const GRS80_A = 6378137;
const GRS80_E = Math.sqrt(2 / 298.257222101 - (1 / 298.257222101) ** 2);
const L93 = lambertConstants(49, 44, 46.5);
const L93_LON0 = 3 / DEG;
const L93_X0 = 700_000;
const L93_Y0 = 6_600_000;

function lambertConstants(lat1: number, lat2: number, lat0: number) {
  const m = (phi: number) => Math.cos(phi) / Math.sqrt(1 - (GRS80_E * Math.sin(phi)) ** 2);
  const t = (phi: number) => {
    const s = GRS80_E * Math.sin(phi);
    return Math.tan(Math.PI / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (GRS80_E / 2);
  };
  const [p1, p2, p0] = [lat1 / DEG, lat2 / DEG, lat0 / DEG];
  const n = (Math.log(m(p1)) - Math.log(m(p2))) / (Math.log(t(p1)) - Math.log(t(p2)));
  const f = m(p1) / (n * t(p1) ** n);
  return { n, f, rho0: GRS80_A * f * t(p0) ** n };
}

function fromLambert93(x: number, y: number): [number, number] {
  const dx = x - L93_X0;
  const dy = L93.rho0 - (y - L93_Y0);
  const rho = Math.sign(L93.n) * Math.hypot(dx, dy);
  const t = (rho / (GRS80_A * L93.f)) ** (1 / L93.n);
  const lon = Math.atan2(dx, dy) / L93.n + L93_LON0;
  let lat = Math.PI / 2 - 2 * Math.atan(t);
  for (let i = 0; i < 10; i++) {
    const s = GRS80_E * Math.sin(lat);
    const next = Math.PI / 2 - 2 * Math.atan(t * ((1 - s) / (1 + s)) ** (GRS80_E / 2));
    if (Math.abs(next - lat) < 1e-12) break;
    lat = next;
  }
  return [lon * DEG, lat * DEG];
}

function fromWebMercator(x: number, y: number): [number, number] {
  return [(x / GRS80_A) * DEG, (2 * Math.atan(Math.exp(y / GRS80_A)) - Math.PI / 2) * DEG];
}

/** Longitude/latitude of a projected point. */
export function toLngLat(crs: ProjectedCrs, x: number, y: number): [number, number] {
  return crs === 2154 ? fromLambert93(x, y) : fromWebMercator(x, y);
}

/** The coordinates are not degrees (a longitude beyond ±180 or a latitude beyond ±90). */
export function looksProjected(x: number, y: number): boolean {
  return Math.abs(x) > 180 || Math.abs(y) > 90;
}

/**
 * Which projection a pair of metres is, with no declaration to go by: Lambert-93, the only one French
 * tables write in columns, covering metropolitan France and Corsica (x 0–1,300 km, y 6,000–7,200 km).
 * Web Mercator is read only where a file declares it: undeclared, a pair of large numbers is more often
 * degrees that lost their decimal point. Null when it does not fit (the row is reported, not moved).
 */
export function guessProjection(x: number, y: number): ProjectedCrs | null {
  return x >= 0 && x <= 1_300_000 && y >= 6_000_000 && y <= 7_200_000 ? 2154 : null;
}

/** The EPSG code a GeoJSON `crs` member or an Esri `spatialReference` names, or null. */
export function crsCode(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { properties?: { name?: unknown }; wkid?: unknown; latestWkid?: unknown };
  const wkid = Number(v.latestWkid ?? v.wkid);
  if (Number.isInteger(wkid) && wkid > 0) return wkid === 102100 || wkid === 900913 ? 3857 : wkid;
  const name = typeof v.properties?.name === 'string' ? v.properties.name : '';
  if (/CRS84$/i.test(name)) return 4326;
  const match = /EPSG:{1,2}(\d+)$/i.exec(name);
  if (!match) return null;
  const code = Number(match[1]);
  return code === 900913 ? 3857 : code;
}

/** A GeoJSON geometry's coordinates turned into longitude/latitude, positions of any depth. */
export function reprojectCoordinates(coordinates: unknown, crs: ProjectedCrs): unknown {
  if (!Array.isArray(coordinates)) return coordinates;
  if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    const [lng, lat] = toLngLat(crs, coordinates[0], coordinates[1]);
    return [lng, lat, ...coordinates.slice(2)];
  }
  return coordinates.map((c) => reprojectCoordinates(c, crs));
}

/**
 * A GeoJSON geometry in longitude/latitude. A file may declare a projection and still hold degrees, so
 * only a geometry whose first position is in metres is converted.
 */
export function reprojectGeometry<G extends { coordinates?: unknown }>(geometry: G, crs: ProjectedCrs): G {
  let position: unknown = geometry.coordinates;
  while (Array.isArray(position) && Array.isArray(position[0])) position = position[0];
  const projected =
    Array.isArray(position) &&
    typeof position[0] === 'number' &&
    typeof position[1] === 'number' &&
    looksProjected(position[0], position[1]);
  return projected ? { ...geometry, coordinates: reprojectCoordinates(geometry.coordinates, crs) } : geometry;
}
