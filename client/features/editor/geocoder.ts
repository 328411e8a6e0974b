/** One address found by the geocoder. */
export interface GeocodedPlace {
  label: string;
  lng: number;
  lat: number;
  city?: string;
  postcode?: string;
  street?: string;
}

/**
 * Asks the configured address search service (off unless the server's config names one; the admin then
 * allows its origin in the CSP). `{q}` in its URL is replaced by the text, otherwise `q=` is added. It reads
 * a GeoJSON FeatureCollection (BAN's api-adresse, Photon, Pelias) or Nominatim's JSON array.
 */
export async function geocode(serviceUrl: string, q: string, signal?: AbortSignal): Promise<GeocodedPlace[]> {
  let url: string;
  if (serviceUrl.includes('{q}')) url = serviceUrl.replace('{q}', encodeURIComponent(q));
  else {
    const u = new URL(serviceUrl, window.location.href);
    u.searchParams.set('q', q);
    url = u.href;
  }
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw new Error(`geocoder answered ${response.status}`);
  return parseGeocoderAnswer(await response.json());
}

export function parseGeocoderAnswer(body: unknown): GeocodedPlace[] {
  const places: GeocodedPlace[] = [];
  if (Array.isArray(body)) {
    for (const item of body as Record<string, unknown>[]) {
      const lng = Number(item.lon);
      const lat = Number(item.lat);
      if (Number.isFinite(lng) && Number.isFinite(lat))
        places.push({ label: String(item.display_name ?? ''), lng, lat });
    }
  } else if (body && typeof body === 'object' && Array.isArray((body as { features?: unknown }).features)) {
    for (const feature of (body as { features: Record<string, unknown>[] }).features) {
      const geometry = feature.geometry as { type?: string; coordinates?: unknown[] } | undefined;
      const props = (feature.properties ?? {}) as Record<string, unknown>;
      if (geometry?.type !== 'Point' || !Array.isArray(geometry.coordinates)) continue;
      const [lng, lat] = geometry.coordinates.map(Number);
      if (!Number.isFinite(lng) || !Number.isFinite(lat)) continue;
      const label = String(props.label ?? props.name ?? props.display_name ?? '');
      places.push({
        label,
        lng: lng as number,
        lat: lat as number,
        ...(typeof props.city === 'string' ? { city: props.city } : {}),
        ...(typeof props.postcode === 'string' ? { postcode: props.postcode } : {}),
        ...(typeof props.name === 'string' && typeof props.housenumber === 'string'
          ? { street: props.name }
          : typeof props.street === 'string'
            ? { street: props.street }
            : {}),
      });
    }
  }
  return places.slice(0, 8);
}
