import type { EntryFeature } from '../../../server/contract/entry';
import { getThemes } from '../../lib/api';
import { byId } from '../../lib/dom';
import { detectLang, getLang, setLang, t, translateDom } from '../../lib/i18n';
import { describeLoadError } from '../entries/load-error';
import { toMapEntries, toMapEntry } from '../entries/map-entries';
import { batchChanges } from '../live/batch-changes';
import { LiveEntries } from '../live/live-entries';
import { connectLive } from '../live/live-feed';
import { mainThemeColors } from '../themes/theme-colors';
import { embedFilter, embedQuery, fetchEntries } from './embed-data';
import { renderEmbedLegend } from './embed-legend';
import { renderEmbedList } from './embed-list';
import { EmbedMap } from './embed-map';
import { type EmbedParams, parseEmbedParams } from './embed-params';
import { reportHeight } from './embed-resize';

/**
 * The embed page: the map of the entries that match its URL's filters, with an optional list and legend,
 * and live updates when asked. The root element says where it stands for scripts and tests:
 * `data-state` (loading, drawn, error) and `data-count` (the entries shown).
 */
export async function startEmbedPage(): Promise<void> {
  const params = parseEmbedParams(window.location.search);
  setLang(params.lang ?? detectLang());
  translateDom(document);
  document.title = t('app.title');
  const root = document.documentElement;
  root.dataset.state = 'loading';

  const status = byId('status', HTMLParagraphElement);
  const list = byId('list', HTMLUListElement);
  const listSection = byId('list-section', HTMLElement);
  const listNote = byId('list-note', HTMLParagraphElement);
  const legend = byId('legend', HTMLElement);
  const open = byId('open-atlas', HTMLAnchorElement);
  open.href = new URL(`/${appSearch(params)}`, window.location.href).href;
  listSection.hidden = !params.list;
  if (params.frame) {
    document.body.classList.add('embed-auto');
    if (params.height) document.body.style.setProperty('--embed-map-height', `${params.height}px`);
    reportHeight(params.frame);
  }

  // The live feed opens before the entries are asked for, so that nothing changed in between is missed;
  // its changes wait until the entries are drawn.
  const early: EntryFeature[] = [];
  let onLive: (changed: EntryFeature[]) => void = (changed) => early.push(...changed);
  if (params.live) {
    connectLive({
      workshop: params.workshop,
      token: params.token,
      resume: false,
      onChange: batchChanges((changed) => onLive(changed)),
      // `data-live`: connecting, open, retrying, then ready once the server has the stream registered.
      onState: (state) => {
        root.dataset.live = state;
      },
      onReady: () => {
        root.dataset.live = 'ready';
      },
    });
  }

  const explore = byId('explore', HTMLButtonElement);
  const map = new EmbedMap(byId('map', HTMLDivElement), params, explore);

  // Each page of entries is drawn as it arrives, in the default colour until the theme colours are in (the
  // theme tree with its counts can be the slowest answer): the first places show as early as possible.
  const loaded: EntryFeature[] = [];
  let colors = new Map<string, string>();
  const drawPage = (page: readonly EntryFeature[]) => {
    loaded.push(...page);
    firstPage();
    void map.updateEntries({ upsert: toMapEntries(page, colors).entries }).then(() => {
      // Milliseconds from navigation to the first drawn places: read by bench/embed.
      if (page.length > 0 && root.dataset.firstDrawnAt === undefined)
        root.dataset.firstDrawnAt = String(Math.round(performance.now()));
    });
  };
  // The theme tree (with its counts, a heavier query) is asked for once the first page is in.
  let firstPage: () => void = () => {};
  const firstPageIn = new Promise<void>((resolve) => {
    firstPage = resolve;
  });
  const themesRequest = firstPageIn.then(() => getThemes());
  themesRequest.catch(() => {});
  const colorsReady = themesRequest.then(
    (tree) => {
      colors = mainThemeColors(tree);
      if (loaded.length > 0) void map.setEntries(toMapEntries(loaded, colors).entries);
      return colors;
    },
    () => colors,
  );
  const entriesRequest = fetchEntries(embedQuery(params), params.token, undefined, drawPage);
  entriesRequest.catch(() => {});

  let collection: Awaited<typeof entriesRequest>;
  try {
    collection = await entriesRequest;
  } catch (error) {
    firstPage();
    console.warn(error);
    status.textContent = describeLoadError(error);
    status.dataset.state = 'error';
    root.dataset.state = 'error';
    return;
  }
  const tree = await themesRequest.catch(() => ({ themes: [] }));
  await colorsReady;
  if (params.legend) renderEmbedLegend(legend, tree, params.themes, getLang());

  const places = new Map<string, EntryFeature>(collection.features.map((entry) => [entry.id, entry]));
  const { entries } = toMapEntries(collection.features, colors);
  const showCount = () => {
    root.dataset.count = String(places.size);
    status.textContent = t('embed.entries', { count: places.size });
    if (params.list) renderEmbedList(list, listNote, places.values(), getLang());
  };
  showCount();
  try {
    await map.setEntries(entries);
  } catch (error) {
    console.warn(error);
  }
  status.dataset.state = 'done';
  // Milliseconds from navigation to all the entries drawn: read by bench/embed.
  root.dataset.drawnAt = String(Math.round(performance.now()));
  root.dataset.state = 'drawn';

  if (!params.live) return;
  const live = new LiveEntries({
    map,
    places,
    toMapEntry: (entry) => toMapEntry(entry, colors),
    filter: embedFilter(params),
  });
  live.onChange(showCount);
  onLive = (changed) => void live.apply(changed);
  onLive(early.splice(0));
}

/** The app's address for the same filters (the "open the full atlas" link). */
function appSearch(params: EmbedParams): string {
  const search = new URLSearchParams();
  for (const kind of params.kinds) search.append('kind', kind);
  for (const theme of params.themes) search.append('theme', theme);
  if (params.network) search.set('network', params.network);
  if (params.q) search.set('q', params.q);
  if (params.center && params.zoom !== null)
    search.set('map', `${params.zoom}/${params.center[1]}/${params.center[0]}`);
  if (params.lang) search.set('lang', params.lang);
  const text = search.toString().replaceAll('%2F', '/');
  return text ? `?${text}` : '';
}
