import type {
  EntryFeature,
  EntryInput,
  EntryKind,
  EntryPatch,
  EntryRef,
} from '../../../server/contract/entry';
import { LIMITS } from '../../../server/contract/entry';
import type { FieldError } from '../../../server/contract/problem';
import type { RelationType } from '../../../server/contract/relation';
import { t } from '../../lib/i18n';

/** What the form holds. Text fields are as typed; they are trimmed when sent. */
export interface DraftValues {
  kind: EntryKind;
  name: string;
  summary: string;
  description: string;
  url: string;
  street: string;
  postcode: string;
  city: string;
  themes: string[];
  /** `[lng, lat]`, or null when not placed. */
  position: [number, number] | null;
  /** Entries to link to: networks it belongs to, resources it uses, or (a resource) who maintains it. */
  links: EntryRef[];
}

export const EMPTY_DRAFT: DraftValues = {
  kind: 'place',
  name: '',
  summary: '',
  description: '',
  url: '',
  street: '',
  postcode: '',
  city: '',
  themes: [],
  position: null,
  links: [],
};

/** The form's values for an existing entry. */
export function draftFromEntry(entry: EntryFeature): DraftValues {
  const p = entry.properties;
  const r = p.relations;
  return {
    kind: p.kind,
    name: p.name,
    summary: p.summary,
    description: p.description,
    url: p.url ?? '',
    street: p.address.street ?? '',
    postcode: p.address.postcode ?? '',
    city: p.address.city ?? '',
    themes: [...p.themes],
    position: entry.geometry ? [entry.geometry.coordinates[0], entry.geometry.coordinates[1]] : null,
    links: r ? [...r.memberOf, ...r.uses] : [],
  };
}

/**
 * The same checks as the API, with messages in the interface language, at the same JSON Pointer paths as
 * the API's problem `errors` (so that both show beside the same field).
 */
export function validateDraft(draft: DraftValues): FieldError[] {
  const errors: FieldError[] = [];
  const name = draft.name.trim();
  if (!name) errors.push({ path: '/properties/name', message: t('form.error.nameRequired') });
  else if (name.length > LIMITS.nameMax)
    errors.push({ path: '/properties/name', message: t('form.error.tooLong', { max: LIMITS.nameMax }) });
  if (draft.summary.trim().length > LIMITS.summaryMax)
    errors.push({
      path: '/properties/summary',
      message: t('form.error.tooLong', { max: LIMITS.summaryMax }),
    });
  if (draft.description.length > LIMITS.descriptionMax)
    errors.push({
      path: '/properties/description',
      message: t('form.error.tooLong', { max: LIMITS.descriptionMax }),
    });
  const url = draft.url.trim();
  if (url && !/^https?:\/\/\S+$/.test(url))
    errors.push({ path: '/properties/url', message: t('form.error.url') });
  if (draft.kind === 'place' && !draft.position)
    errors.push({ path: '/geometry', message: t('form.error.positionRequired') });
  return errors;
}

function address(draft: DraftValues) {
  return {
    street: draft.street.trim() || null,
    postcode: draft.postcode.trim() || null,
    city: draft.city.trim() || null,
  };
}

/** The body of `POST /api/entries`, with the id the client chose (a retry makes no second entry). */
export function draftToInput(draft: DraftValues, id: string): EntryInput & { id: string } {
  return {
    type: 'Feature',
    id,
    geometry: draft.position ? { type: 'Point', coordinates: draft.position } : null,
    properties: {
      kind: draft.kind,
      name: draft.name.trim(),
      summary: draft.summary.trim(),
      description: draft.description.trim(),
      url: draft.url.trim() || null,
      address: address(draft),
      themes: draft.themes,
    },
  };
}

/** The body of `PATCH /api/entries/:id`: only what changed; null when nothing did. */
export function draftToPatch(original: DraftValues, draft: DraftValues): EntryPatch | null {
  const properties: NonNullable<EntryPatch['properties']> = {};
  const before = draftToInput(original, '').properties;
  const after = draftToInput(draft, '').properties;
  if (after.kind !== before.kind) properties.kind = after.kind;
  if (after.name !== before.name) properties.name = after.name;
  if (after.summary !== before.summary) properties.summary = after.summary ?? '';
  if (after.description !== before.description) properties.description = after.description ?? '';
  if (after.url !== before.url) properties.url = after.url ?? null;
  if (JSON.stringify(after.address) !== JSON.stringify(before.address))
    properties.address = after.address ?? {};
  if (JSON.stringify([...(after.themes ?? [])].sort()) !== JSON.stringify([...(before.themes ?? [])].sort()))
    properties.themes = after.themes ?? [];
  const patch: EntryPatch = {};
  if (Object.keys(properties).length > 0) patch.properties = properties;
  const moved =
    (original.position === null) !== (draft.position === null) ||
    (original.position && draft.position && original.position.some((v, i) => v !== draft.position?.[i]));
  if (moved) patch.geometry = draft.position ? { type: 'Point', coordinates: draft.position } : null;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** Which relation a picked entry makes: a place or network joins a network and uses a resource; a resource is maintained. */
export function linkRelation(
  kind: EntryKind,
  self: string,
  other: EntryRef,
): { type: RelationType; from: string; to: string } | null {
  if (kind === 'resource')
    return other.kind === 'resource' ? null : { type: 'maintains', from: other.id, to: self };
  if (other.kind === 'network') return { type: 'member_of', from: self, to: other.id };
  if (other.kind === 'resource') return { type: 'uses', from: self, to: other.id };
  return null;
}

/** Rounds a position to 6 decimals (about 10 cm): what a click can mean, and shorter to send. */
export function roundPosition([lng, lat]: readonly [number, number]): [number, number] {
  return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}
