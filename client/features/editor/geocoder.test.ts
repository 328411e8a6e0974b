import { describe, expect, it } from 'vitest';
import { parseGeocoderAnswer } from './geocoder';

describe('the geocoder answer', () => {
  it('reads a GeoJSON FeatureCollection (api-adresse)', () => {
    const places = parseGeocoderAnswer({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [4.8357, 45.764] },
          properties: {
            label: '8 Rue de la République 69001 Lyon',
            name: '8 Rue de la République',
            housenumber: '8',
            postcode: '69001',
            city: 'Lyon',
          },
        },
      ],
    });
    expect(places).toEqual([
      {
        label: '8 Rue de la République 69001 Lyon',
        lng: 4.8357,
        lat: 45.764,
        city: 'Lyon',
        postcode: '69001',
        street: '8 Rue de la République',
      },
    ]);
  });

  it('reads a Nominatim array and skips what has no position', () => {
    expect(
      parseGeocoderAnswer([{ lat: '48.85', lon: '2.35', display_name: 'Paris' }, { display_name: 'x' }]),
    ).toEqual([{ label: 'Paris', lng: 2.35, lat: 48.85 }]);
  });
});
