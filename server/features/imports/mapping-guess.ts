import type { ImportMapping, MappableField } from '../../contract/import';
import type { ParsedRow } from './formats/format';
import type { ConcreteFormat } from './formats/index';
import { normalizeKey, slugify } from './values';

// Column names seen in the field's files, in order of preference (compared after normalizeKey).
const FIELD_ALIASES: Record<MappableField, string[]> = {
  id: ['id', 'identifiant', 'uuid', 'gid', 'c_gid', 'id_fs', 'objectid', 'fid', 'ref'],
  name: [
    'name',
    'nom',
    'nom_tl',
    'title',
    'titre',
    'lib_fs',
    'libelle',
    'c_nom',
    'nom_structure',
    'nom_de_la_structure',
    'nom_de_votre_structure',
    'nomdelastructure',
    'nom_du_lieu',
    'nom_lieu',
    'nom_de_l_organisation',
    'nom_organisation',
    'nom_etablissement',
    'raison_sociale',
    'denomination',
    'label',
    'lieu',
    'espace_numerique',
    'organisation',
    'etablissement',
  ],
  summary: ['summary', 'presentation_resume', 'resume', 'blurb', 'accroche', 'description_courte'],
  description: ['description', 'presentation_detail', 'descriptif', 'presentation', 'c_description', 'desc'],
  url: [
    'url',
    'site_web',
    'website',
    'web',
    'site',
    'site_internet',
    'c_site_web',
    'contact_web',
    'homepage',
    'lien',
    'contact_website',
  ],
  street: [
    'street',
    'address_street',
    'adresse',
    'address',
    'address_1',
    'address_streetaddress',
    'adresse_brut',
    'adresse_rue',
    'c_adresse',
    'rue',
    'voie',
    'addr_street',
  ],
  postcode: [
    'postcode',
    'address_postcode',
    'code_postal',
    'cp',
    'postal_code',
    'zip',
    'zipcode',
    'c_postcode',
    'adresse_code_postal',
    'address_postalcode',
    'addr_postcode',
  ],
  city: [
    'city',
    'address_city',
    'ville',
    'commune',
    'nomcom',
    'lib_com',
    'c_city',
    'adresse_commune',
    'address_addresslocality',
    'locality',
    'cominit',
    'addr_city',
  ],
  country: ['country', 'address_country', 'pays', 'address_addresscountry', 'addr_country'],
  inseeCode: [
    'insee_code',
    'address_inseecode',
    'code_insee',
    'inseecom',
    'insee_com',
    'insee',
    'adresse_code_insee',
    'citycode',
  ],
  email: ['email', 'mail', 'courriel', 'courriels', 'c_courriel', 'contact_email', 'e_mail'],
  phone: ['phone', 'telephone', 'tel', 'c_telephone', 'contact_telephone', 'phone_number', 'contact_phone'],
  latitude: ['latitude', 'lat', 'y', 'c_lat_coor1', 'geo_latitude', 'localisation_latitude', 'coord_lat'],
  longitude: [
    'longitude',
    'lon',
    'lng',
    'long',
    'x',
    'c_long_coor1',
    'geo_longitude',
    'localisation_longitude',
    'coord_lon',
  ],
  wkt: ['wkt', 'wkt_geom', 'the_geom', 'geom', 'geometrie', 'geometry'],
  license: ['license', 'licence'],
};
// A name column named in a way of its own ("Nom de votre tiers-lieu"), not a place's commune or a person's.
const NAME_PATTERN = /^nom(_|$)/;
const NOT_A_NAME =
  /(^|_)(commune|com|ville|dep|departement|region|epci|contact|responsable|referent|prenom|famille)(_|$)/;
const LATITUDE_PATTERN = /(^|_)lat(itude)?(_|$)/;
const LONGITUDE_PATTERN = /(^|_)(lon|lng|long|longitude)(_|$)/;

const THEME_COLUMNS = [
  'themes',
  'theme',
  'thematiques',
  'typologie',
  'typo',
  'categories',
  'category',
  // GoGoCarto's elements as its documentation writes them.
  'taxonomy',
  'type_lieu',
  'structure',
  'kind_name',
  'c_etiquettes',
  'layer',
  // A KML folder: a Google My Maps layer, which networks use for their categories.
  'folder',
];
const TAG_COLUMNS = [
  'tags',
  'services',
  'capabilities',
  'keywords',
  'mots_cles',
  'labels_nationaux',
  'etiquettes',
];
const FLAG_PREFIXES = /^(c_|is_|est_|has_)/;

/** Columns of the rows, with one level of nested objects as dotted paths (`address.postalCode`). */
export function columnsOf(rows: ParsedRow[], declared: string[]): string[] {
  const columns = new Set(declared);
  for (const row of rows.slice(0, 200)) {
    for (const [key, value] of Object.entries(row.properties)) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        // An object is not a column: its members are (`address.postalCode`).
        columns.delete(key);
        for (const sub of Object.keys(value)) if (columns.size < 600) columns.add(`${key}.${sub}`);
      } else if (columns.size < 600) columns.add(key);
    }
  }
  return [...columns];
}

/**
 * Completes a mapping from the column names: what the client sent wins, the rest is guessed. `flagSlugs`
 * tells which yes/no columns name a known theme (`c_fablab` → `fablab`).
 */
export function guessMapping(
  columns: string[],
  format: ConcreteFormat,
  given: ImportMapping | undefined,
  themeFor: (value: string) => string | null,
): ImportMapping {
  const byKey = new Map<string, string>();
  for (const column of columns) {
    const key = normalizeKey(column);
    if (!byKey.has(key)) byKey.set(key, column);
  }
  const pick = (aliases: string[]) => {
    for (const alias of aliases) {
      const column = byKey.get(alias);
      if (column) return column;
    }
    return null;
  };
  const fields: Partial<Record<MappableField, string | null>> = {};
  for (const field of Object.keys(FIELD_ALIASES) as MappableField[]) {
    fields[field] = pick(FIELD_ALIASES[field]);
  }
  fields.name ??=
    columns.find((c) => NAME_PATTERN.test(normalizeKey(c)) && !NOT_A_NAME.test(normalizeKey(c))) ?? null;
  fields.latitude ??= columns.find((c) => LATITUDE_PATTERN.test(normalizeKey(c))) ?? null;
  fields.longitude ??= columns.find((c) => LONGITUDE_PATTERN.test(normalizeKey(c))) ?? null;
  // x/y and lat/lon are only coordinates as a pair.
  if (!fields.latitude || !fields.longitude) fields.latitude = fields.longitude = null;
  if (['geojson', 'umap', 'gogocarto', 'kml', 'gpx'].includes(format)) fields.wkt = null;
  Object.assign(fields, given?.fields ?? {});

  const kindColumn = pick(['kind']);
  const mednum = format === 'mednum-csv' || format === 'mednum-json';
  const themeColumns = THEME_COLUMNS.map((c) => byKey.get(c)).filter((c): c is string => !!c);
  const tagColumns = TAG_COLUMNS.map((c) => byKey.get(c)).filter((c): c is string => !!c);
  const flags: Record<string, string> = {};
  for (const column of columns) {
    const key = normalizeKey(column);
    if (!FLAG_PREFIXES.test(key)) continue;
    // Only a column named exactly after a theme is a flag of it (`c_fablab`, not `c_b_teletravail`).
    const word = key.replace(FLAG_PREFIXES, '');
    const slug = themeFor(word);
    if (slug && (slug === slugify(word) || slug === `${slugify(word)}s`)) flags[column] = slug;
  }
  return {
    fields,
    kind: {
      default: 'place',
      ...(kindColumn ? { column: kindColumn } : {}),
      ...given?.kind,
    },
    themes: {
      columns: themeColumns.slice(0, 2),
      ...(mednum ? { default: [themeFor('mediation numerique')].filter((s): s is string => !!s) } : {}),
      ...(Object.keys(flags).length > 0 ? { flags } : {}),
      ...given?.themes,
    },
    tags: { columns: tagColumns, ...given?.tags },
    status: given?.status ?? 'published',
  };
}
