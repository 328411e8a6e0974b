import { createRequire } from 'node:module';
import type { EntryDraft } from './entry.draft';

// Rules by kind and geometry, checked on the whole draft (after a PATCH is applied). Expected failures are
// returned as data with a named reason; the route turns them into a 400 pointing at the field.

export const RuleReason = {
  placeNeedsPoint: 'place-needs-point',
  areaOnlyForNetworks: 'area-only-for-networks',
  licenseOnlyForResources: 'license-only-for-resources',
  unknownLicense: 'unknown-license',
  ringNotClosed: 'ring-not-closed',
} as const;
export type RuleReason = (typeof RuleReason)[keyof typeof RuleReason];

export type RuleResult =
  | { valid: true }
  | { valid: false; reason: RuleReason; path: string; message: string };

const require = createRequire(import.meta.url);
const SPDX_IDS = new Map((require('spdx-license-ids') as string[]).map((id) => [id.toLowerCase(), id]));

/** The canonical spelling of an SPDX licence id (`mit` → `MIT`), a `LicenseRef-…` as given, or null. */
export function canonicalLicense(license: string): string | null {
  if (/^LicenseRef-[A-Za-z0-9.-]+$/.test(license)) return license;
  return SPDX_IDS.get(license.toLowerCase()) ?? null;
}

export function checkDraft(draft: EntryDraft): RuleResult {
  if (draft.kind === 'place' && !draft.geom && !draft.toLocate) {
    return fail(RuleReason.placeNeedsPoint, '/geometry', 'a place needs a Point geometry');
  }
  if (draft.area && draft.kind !== 'network') {
    return fail(
      RuleReason.areaOnlyForNetworks,
      '/properties/area',
      'only a network may have a territory (area)',
    );
  }
  if (draft.license !== null) {
    if (draft.kind !== 'resource') {
      return fail(
        RuleReason.licenseOnlyForResources,
        '/properties/license',
        'only a resource may carry a licence',
      );
    }
    if (!canonicalLicense(draft.license)) {
      return fail(
        RuleReason.unknownLicense,
        '/properties/license',
        `"${draft.license}" is not an SPDX licence id`,
      );
    }
  }
  if (draft.area) {
    for (const [p, polygon] of draft.area.coordinates.entries()) {
      for (const [r, ring] of polygon.entries()) {
        if (!closed(ring)) {
          const path = `/properties/area/coordinates/${p}/${r}`;
          return fail(RuleReason.ringNotClosed, path, 'a ring must end on its first position');
        }
      }
    }
  }
  return { valid: true };
}

function closed(ring: readonly (readonly number[])[]): boolean {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return !!first && !!last && first[0] === last[0] && first[1] === last[1];
}

function fail(reason: RuleReason, path: string, message: string): RuleResult {
  return { valid: false, reason, path, message };
}
