import { HOURS_LABEL } from '../../imports/mapping-extras';
import type { ExportRow } from '../export.rows';
import { csvLine } from './csv';
import type { ExportFormat } from './format';

// The columns of the "lieux de médiation numérique" schema v1.0.2 (LaMednum/standard-mediation-num),
// in its order.
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
  'itinerance',
  'structure_parente',
  'date_maj',
  'services',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'dispositif_programmes_nationaux',
  'formations_labels',
  'autres_formations_labels',
  'modalites_acces',
  'modalites_accompagnement',
  'fiche_acces_libre',
  'prise_rdv',
];

// Theme slugs that have a code in the schema's `typologie` list (data.inclusion's structure types).
const TYPOLOGIES: Record<string, string> = {
  fablab: 'FABLAB',
  fablabs: 'FABLAB',
  'tiers-lieu': 'TIERS_LIEUX',
  'tiers-lieux': 'TIERS_LIEUX',
  coworking: 'TIERS_LIEUX',
  mediatheque: 'BIB',
  bibliotheque: 'BIB',
  'france-services': 'RFS',
  epn: 'EPN',
};

// `services` only takes these values; other tags would make the row invalid against the schema.
const SERVICES = new Set([
  'Aide aux démarches administratives',
  'Maîtrise des outils numériques du quotidien',
  'Insertion professionnelle via le numérique',
  'Utilisation sécurisée du numérique',
  'Parentalité et éducation avec le numérique',
  'Loisirs et créations numériques',
  'Compréhension du monde numérique',
  'Accès internet et matériel informatique',
  'Acquisition de matériel informatique à prix solidaire',
]);

// Imports keep opening hours as the description's last paragraph; the schema has a column for them.
const HOURS = new RegExp(`(?:^|\\n\\n)${HOURS_LABEL}([^\\n]+)$`);

/**
 * Places in the "lieux de médiation numérique" CSV schema (lists separated by `|`). Contacts stay private,
 * so `telephone` and `courriels` are empty; `site_web` carries the site and the links; `services` the tags
 * that are services of the schema.
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
    const hours = HOURS.exec(r.description);
    const detail = hours ? r.description.slice(0, hours.index) : r.description;
    const sites = [r.url, ...r.links.map((l) => l.url)].filter((u): u is string => !!u);
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
      [...new Set(sites)],
      hours?.[1] ?? null,
      r.summary,
      detail,
      r.source ?? 'atlas-des-communs',
      null,
      null,
      r.updated_at.toISOString().slice(0, 10),
      r.tags.filter((t) => SERVICES.has(t)),
      null,
      null,
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
