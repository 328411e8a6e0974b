import { isRecord } from './format';
import { fillTemplate, umapTextToMarkdown } from './umap-text';

/** What a uMap datalayer's options tell about its features. */
export interface UmapLayer {
  name?: string;
  /** The property (or `{template}`) uMap shows as a feature's title. */
  labelKey?: string;
  /** The layer shows data uMap fetches from elsewhere; the export holds none of it. */
  remoteUrl?: string;
}

// Keys uMap writes in a datalayer's options and that plain GeoJSON never has at the top level.
const LAYER_KEYS = ['displayOnLoad', 'remoteData', 'browsable', 'inCaption', 'editMode', 'labelKey'];

/**
 * A datalayer's options: `_umap_options` (uMap before 2.0), `properties` (since 2.0) or `_storage`
 * (the oldest exports). Null when the collection is not a uMap datalayer.
 */
export function umapLayerOf(collection: unknown): UmapLayer | null {
  if (!isRecord(collection)) return null;
  const options = [collection._umap_options, collection._storage, collection.properties].find(
    (o): o is Record<string, unknown> => isRecord(o) && (o !== collection.properties || looksUmap(o)),
  );
  if (!options) return null;
  const layer: UmapLayer = {};
  if (typeof options.name === 'string' && options.name.trim()) layer.name = options.name.trim();
  if (typeof options.labelKey === 'string' && options.labelKey.trim())
    layer.labelKey = options.labelKey.trim();
  const remote = isRecord(options.remoteData) ? options.remoteData.url : undefined;
  if (typeof remote === 'string' && /^https?:\/\//.test(remote)) layer.remoteUrl = remote;
  return layer;
}

function looksUmap(options: Record<string, unknown>): boolean {
  return LAYER_KEYS.some((k) => k in options);
}

/**
 * A uMap feature's properties as an entry source: styling dropped, the description's wiki links turned
 * into Markdown, and, when the feature has no `name`, the title uMap shows (its layer's `labelKey`).
 */
export function adaptUmapProperties(properties: Record<string, unknown>, layer: UmapLayer): void {
  delete properties._umap_options;
  delete properties._storage_options;
  for (const key of ['description', 'Description']) {
    const value = properties[key];
    if (typeof value === 'string') properties[key] = umapTextToMarkdown(value);
  }
  const name = properties.name;
  if ((name === undefined || name === null || name === '') && layer.labelKey) {
    const label = layer.labelKey.includes('{')
      ? fillTemplate(layer.labelKey, properties)
      : properties[layer.labelKey];
    if ((typeof label === 'string' && label.trim()) || typeof label === 'number') properties.name = label;
  }
}
