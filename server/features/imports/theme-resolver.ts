import { normalizeKey, slugify } from './values';

// Words that name a kind of place in the field's files, and the theme slugs they suggest (the first
// that exists in this atlas wins). Explicit value mappings always come first.
const SYNONYMS: Array<[RegExp, string[]]> = [
  [/fab_?lab|fablabmit|supernode/, ['fablab', 'fablabs']],
  [/hacker_?space|hack_?lab/, ['hackerspace', 'hackerspaces']],
  [/maker_?space/, ['makerspace', 'makerspaces', 'fablab']],
  [/co_?working|teletravail/, ['coworking', 'coworkings']],
  [/repair/, ['repair-cafe', 'repair-cafes']],
  [/(^|_)epn($|_)|espace_public_numerique/, ['epn', 'mediation-numerique']],
  [
    /mediation_numerique|inclusion_numerique|conseiller_numerique/,
    ['mediation-numerique', 'inclusion-numerique'],
  ],
  [/cantine/, ['cantine-numerique', 'cantines-numeriques']],
  [/tiers_?lieu/, ['tiers-lieu', 'tiers-lieux']],
  [/mediatheque|bibliotheque/, ['mediatheque', 'bibliotheque']],
  [/france_services|msap|maison_de_services/, ['france-services']],
];

/** Turns source values into theme slugs that exist in this atlas. */
export class ThemeResolver {
  readonly #slugs: Set<string>;
  readonly #explicit = new Map<string, string[]>();
  readonly #cache = new Map<string, string[]>();

  constructor(existingSlugs: Iterable<string>, explicit: Record<string, string | string[]> = {}) {
    this.#slugs = new Set(existingSlugs);
    for (const [value, slugs] of Object.entries(explicit)) {
      this.#explicit.set(normalizeKey(value), [slugs].flat());
    }
  }

  has(slug: string): boolean {
    return this.#slugs.has(slug);
  }

  /** The theme slugs a source value means (empty when none is known). */
  resolve(value: string): string[] {
    const key = normalizeKey(value);
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const result = this.#compute(key, value);
    if (this.#cache.size < 10_000) this.#cache.set(key, result);
    return result;
  }

  /** One slug for a value, or null: used to recognise flag columns. */
  first(value: string): string | null {
    return this.resolve(value)[0] ?? null;
  }

  #compute(key: string, value: string): string[] {
    const explicit = this.#explicit.get(key);
    if (explicit) return explicit.filter((s) => this.#slugs.has(s));
    const slug = slugify(value);
    for (const candidate of [slug, `${slug}s`, slug.replace(/s$/, '')]) {
      if (this.#slugs.has(candidate)) return [candidate];
    }
    for (const [pattern, candidates] of SYNONYMS) {
      if (!pattern.test(key)) continue;
      const found = candidates.find((c) => this.#slugs.has(c));
      if (found) return [found];
    }
    return [];
  }
}
