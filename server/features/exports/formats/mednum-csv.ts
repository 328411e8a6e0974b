import type { ExportRow } from '../export.rows';
import { csvLine } from './csv';
import type { ExportFormat } from './format';

// The columns of the "lieux de médiation numérique" schema (data.inclusion / ANCT), in its order.
const COLUMNS = [
  'id',
  'pivot',
  'nom',
  'commune',
  'code_postal',
  'code_insee',
  'adresse',
  'complement_adresse',
  'latitude',
  'longitude',
  'typologie',
  'telephone',
  'courriels',
  'site_web',
  'horaires',
  'presentation_resume',
  'presentation_detail',
  'source',
  'structure_parente',
  'date_maj',
  'services',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'itinerance',
  'modalites_acces',
  'modalites_accompagnement',
  'fiche_acces_libre',
  'prise_rdv',
];

// Theme slugs that have a code in the schema's `typologie` list.
const TYPOLOGIES: Record<string, string> = {
  fablab: 'FABLAB',
  fablabs: 'FABLAB',
  'tiers-lieu': 'TIERS_LIEUX',
  'tiers-lieux': 'TIERS_LIEUX',
  coworking: 'TIERS_LIEUX',
  mediatheque: 'BIB',
  bibliotheque: 'BIB',
  'france-services': 'FRANCE_SERVICES',
  epn: 'EPN',
};

/**
 * Places in the "lieux de médiation numérique" CSV schema (lists separated by `|`). Contacts stay private,
 * so `telephone` and `courriels` are empty; `services` carries the tags.
 */
export const mednumCsvExport: ExportFormat = {
  contentType: 'text/csv; charset=utf-8',
  filename: 'lieux-mediation-numerique.csv',
  onlyPlaces: true,
  head() {
    return csvLine(COLUMNS);
  },
  row(r: ExportRow) {
    const typologie = [...new Set(r.themes.flatMap((s) => (TYPOLOGIES[s] ? [TYPOLOGIES[s]] : [])))];
    return csvLine([
      r.id,
      '00000000000000',
      r.name,
      r.city,
      r.postcode,
      r.insee_code,
      r.street,
      null,
      r.lat,
      r.lng,
      typologie,
      null,
      null,
      r.url,
      null,
      r.summary,
      r.description,
      r.source ?? 'atlas-des-communs',
      null,
      r.updated_at.toISOString().slice(0, 10),
      r.tags,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  },
  tail() {
    return '';
  },
};
