import {
  type FormatParser,
  ImportInputError,
  isRecord,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
} from './format';
import { readFeatures } from './geojson';
import { umapLayerOf } from './umap-layer';

/**
 * A `.umap` map export: `{type: "umap", layers: [FeatureCollection…]}`; each row records its layer's
 * name. Layers may hold layers of their own (uMap 3), which are read in order after their parent.
 */
export const umapParser: FormatParser = {
  async *parse({ json }: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput> {
    if (isRecord(json) && !Array.isArray(json.layers) && Array.isArray(json.features)) {
      // A single uMap datalayer is plain GeoJSON with its options beside the features.
      yield* readFeatures(json.features, 0, info, { umap: umapLayerOf(json) ?? {} });
      return;
    }
    if (!isRecord(json) || !Array.isArray(json.layers)) {
      throw new ImportInputError('This is not a uMap export: no "layers" list found.', 'invalid-umap');
    }
    let offset = 0;
    for (const layer of flatLayers(json.layers, 0)) {
      const options = umapLayerOf(layer) ?? {};
      if (options.remoteUrl) {
        info.warnings.push(
          `layer "${options.name ?? '?'}" shows data fetched from ${options.remoteUrl}; import that URL itself`,
        );
      }
      const features = layer.features as unknown[];
      yield* readFeatures(features, offset, info, {
        umap: options,
        ...(options.name ? { extra: { layer: options.name } } : {}),
      });
      offset += features.length;
    }
  },
};

function flatLayers(layers: unknown[], depth: number): Array<Record<string, unknown>> {
  const result: Array<Record<string, unknown>> = [];
  for (const layer of layers) {
    if (!isRecord(layer)) continue;
    if (Array.isArray(layer.features)) result.push(layer);
    if (Array.isArray(layer.layers) && depth < 5) result.push(...flatLayers(layer.layers, depth + 1));
  }
  return result;
}
