/** Web Mercator at zoom 0 is one 512 px square, as in MapLibre (so a zoom here is a zoom there). */
export const TILE = 512;
const MAX_LAT = 85.0511287798;

/** World pixel coordinates of a point at zoom 0 (x right, y down, 0..TILE). */
export function project(lng: number, lat: number): [number, number] {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const x = ((lng + 180) / 360) * TILE;
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * TILE;
  return [x, y];
}

export function unproject(x: number, y: number): [number, number] {
  const lng = (x / TILE) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / TILE;
  const lat = (180 / Math.PI) * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n)));
  return [lng, lat];
}

/** The centre and zoom that fit `bbox` (west, south, east, north) in a `width` × `height` box with padding. */
export function fitBounds(
  bbox: readonly [number, number, number, number],
  width: number,
  height: number,
  padding = 8,
  maxZoom = 16,
): { center: [number, number]; zoom: number } {
  const [w, s, e, n] = bbox;
  const [x0, y0] = project(w, n);
  const [x1, y1] = project(e, s);
  const spanX = Math.max(1e-9, x1 - x0);
  const spanY = Math.max(1e-9, y1 - y0);
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const zoom = Math.max(0, Math.min(maxZoom, Math.log2(Math.max(scale, 1e-9))));
  return { center: unproject((x0 + x1) / 2, (y0 + y1) / 2), zoom };
}
