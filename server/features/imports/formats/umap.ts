import {
  type FormatParser,
  ImportInputError,
  isRecord,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
} from './format';
import { readFeatures } from './geojson';

/** A `.umap` map export: `{type: "umap", layers: [FeatureCollection…]}`; each row records its layer's name. */
export const umapParser: FormatParser = {
  async *parse({ json }: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput> {
    if (isRecord(json) && !Array.isArray(json.layers) && Array.isArray(json.features)) {
      // A single uMap datalayer is plain GeoJSON with `_umap_options`.
      yield* readFeatures(json.features, 0, info);
      return;
    }
    if (!isRecord(json) || !Array.isArray(json.layers)) {
      throw new ImportInputError('This is not a uMap export: no "layers" list found.', 'invalid-umap');
    }
    let offset = 0;
    for (const layer of json.layers) {
      if (!isRecord(layer) || !Array.isArray(layer.features)) continue;
      const options = isRecord(layer._umap_options) ? layer._umap_options : {};
      const name = typeof options.name === 'string' && options.name.trim() ? options.name.trim() : undefined;
      yield* readFeatures(layer.features, offset, info, name ? { layer: name } : {});
      offset += layer.features.length;
    }
  },
};
