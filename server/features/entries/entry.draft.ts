import type { EntryLink } from '../../../db/database';
import type { Address, EntryInput, EntryKind, EntryPatch, EntryStatus } from '../../contract/entry';
import type { MultiPolygon, Point, Polygon } from '../../contract/geojson';

/** Everything a write may set on an entry, normalized: what rules check and what the repository stores. */
export interface EntryDraft {
  kind: EntryKind;
  name: string;
  summary: string;
  description: string;
  url: string | null;
  links: EntryLink[];
  address: Required<{ [K in keyof Address]: string | null }>;
  geom: Point | null;
  area: MultiPolygon | null;
  tags: string[];
  license: string | null;
  contact: Record<string, string> | null;
  themes: string[];
  status: EntryStatus;
  toLocate: boolean;
}

const EMPTY_ADDRESS: EntryDraft['address'] = {
  street: null,
  postcode: null,
  city: null,
  country: null,
  inseeCode: null,
};

/** The draft of a new entry from a POST body; `status` is decided by the caller (policy, role). */
export function draftFromInput(input: EntryInput, status: EntryStatus): EntryDraft {
  const p = input.properties;
  return {
    kind: p.kind,
    name: p.name.trim(),
    summary: p.summary?.trim() ?? '',
    description: p.description ?? '',
    url: p.url ?? null,
    links: p.links ?? [],
    address: normalizeAddress({ ...EMPTY_ADDRESS, ...p.address }),
    geom: point(input.geometry),
    area: toMultiPolygon(p.area ?? null),
    tags: uniqueTrimmed(p.tags ?? []),
    license: p.license ?? null,
    contact: p.contact ?? null,
    themes: uniqueTrimmed(p.themes ?? []),
    status,
    toLocate: false,
  };
}

/** `current` with a PATCH applied: a given property replaces (null clears); `address` merges field by field. */
export function applyPatch(current: EntryDraft, patch: EntryPatch): EntryDraft {
  const p = patch.properties ?? {};
  const next: EntryDraft = { ...current };
  if (p.kind !== undefined) next.kind = p.kind;
  if (p.name !== undefined) next.name = p.name.trim();
  if (p.summary !== undefined) next.summary = p.summary.trim();
  if (p.description !== undefined) next.description = p.description;
  if (p.url !== undefined) next.url = p.url;
  if (p.links !== undefined) next.links = p.links;
  if (p.address !== undefined) next.address = normalizeAddress({ ...current.address, ...p.address });
  if (p.tags !== undefined) next.tags = uniqueTrimmed(p.tags);
  if (p.license !== undefined) next.license = p.license;
  if (p.contact !== undefined) next.contact = p.contact;
  if (p.themes !== undefined) next.themes = uniqueTrimmed(p.themes);
  if (p.area !== undefined) next.area = toMultiPolygon(p.area);
  if (p.status !== undefined) next.status = p.status;
  if (patch.geometry !== undefined) {
    next.geom = point(patch.geometry);
    // A located entry is no longer waiting for someone to place it on the map.
    if (next.geom) next.toLocate = false;
  }
  return next;
}

function point(geometry: Point | null | undefined): Point | null {
  if (!geometry) return null;
  const [lng, lat] = geometry.coordinates;
  return { type: 'Point', coordinates: [lng, lat] };
}

/** A Polygon becomes a one-part MultiPolygon: the column holds MultiPolygons only. */
export function toMultiPolygon(area: MultiPolygon | Polygon | null): MultiPolygon | null {
  if (!area) return null;
  if (area.type === 'MultiPolygon') return area;
  return { type: 'MultiPolygon', coordinates: [area.coordinates] };
}

function normalizeAddress(address: EntryDraft['address']): EntryDraft['address'] {
  const clean = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  return {
    street: clean(address.street),
    postcode: clean(address.postcode),
    city: clean(address.city),
    country: clean(address.country),
    inseeCode: clean(address.inseeCode),
  };
}

function uniqueTrimmed(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

/** The draft of an entry as it stands (what a PATCH is applied to). */
export function draftFromRow(row: {
  kind: EntryKind;
  name: string;
  summary: string;
  description: string;
  url: string | null;
  links: EntryLink[];
  street: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  insee_code: string | null;
  geom: Point | null;
  area: MultiPolygon | null;
  tags: string[];
  license: string | null;
  contact: Record<string, string> | null;
  themes: string[];
  status: EntryStatus;
  to_locate: boolean;
}): EntryDraft {
  return {
    kind: row.kind,
    name: row.name,
    summary: row.summary,
    description: row.description,
    url: row.url,
    links: row.links,
    address: {
      street: row.street,
      postcode: row.postcode,
      city: row.city,
      country: row.country,
      inseeCode: row.insee_code,
    },
    geom: row.geom,
    area: row.area,
    tags: row.tags,
    license: row.license,
    contact: row.contact,
    themes: [...row.themes].sort(),
    status: row.status,
    toLocate: row.to_locate,
  };
}

/** True when two drafts would store the same entry (theme order does not matter). */
export function sameDraft(a: EntryDraft, b: EntryDraft): boolean {
  const norm = (d: EntryDraft) => JSON.stringify({ ...d, themes: [...d.themes].sort() });
  return norm(a) === norm(b);
}
