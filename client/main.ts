import './styles.css';
import './features/live/live-app';
import './features/import-export/import-app';
import { type AppContext, provideAppContext } from './app-context';
import { startEditing } from './features/editor/add-flow';
import { directWriter } from './features/editor/direct-writer';
import { EntryLoader } from './features/entries/entry-loader';
import { EntryStore } from './features/entries/entry-store';
import { EntryView } from './features/entries/entry-view';
import { StatusLine } from './features/entries/status-line';
import { ApiLookups } from './features/filters/api-lookups';
import { FiltersPanel } from './features/filters/filters-panel';
import { startEntryList } from './features/list/entry-list';
import { PanelShell } from './features/panel/panel-shell';
import { Selection } from './features/panel/selection';
import { startSearchBox } from './features/search/search-box';
import { renderLegend } from './features/themes/legend';
import { ThemeIndex } from './features/themes/theme-index';
import { sameState } from './features/url-state/app-state';
import { parseState } from './features/url-state/url-codec';
import { syncUrl } from './features/url-state/url-sync';
import { getThemes } from './lib/api';
import { getConfig } from './lib/api-config';
import { byId } from './lib/dom';
import { detectLang, setLang, t, translateDom } from './lib/i18n';
import { setUpCredits, setUpViewSwitch, updateLanguageLink } from './lib/page-chrome';
import { type Actor, getActor, onSessionChange } from './lib/session';
import { createStore, debounce } from './lib/store';
import type { AtlasMap } from './map/atlas-map';
import { createMap } from './map/create-map';

// The app page: wires the features together. The state (filters, selection, view) lives in the URL; the
// loaded entries in the store; the view of them (after the filters) feeds the map, the list and the legend.

setLang(detectLang());
translateDom(document);
document.title = t('app.title');

const state = createStore(parseState(window.location.search), sameState);
const store = new EntryStore();
let themes = new ThemeIndex();
let actor: Actor | null = null;
const status = new StatusLine(byId('status', HTMLParagraphElement));

let map: AtlasMap | null = null;

// The requests start first: they run while the map loads its style.
const loader = new EntryLoader(store, (progress) => {
  status.progress(progress);
  // For the bench (bench/client): when the first load is complete.
  if (progress.state === 'done' && performance.getEntriesByName('atlas:loaded').length === 0)
    performance.mark('atlas:loaded');
});
void loader.start(state.get().view?.zoom ?? 5).then((byArea) => {
  // A big atlas: the entries of the map's view, now that the map exists.
  const viewport = byArea ? map?.getViewport() : undefined;
  if (viewport) void loader.update(viewport.bounds, viewport.zoom, state.get());
});
const themesRequest = getThemes();
const config = await getConfig();

try {
  const view = state.get().view;
  map = createMap({
    container: byId('map', HTMLDivElement),
    ...(config.basemapStyle ? { styleUrl: config.basemapStyle } : {}),
    ...(view ? { center: [view.lng, view.lat] as [number, number], zoom: view.zoom } : {}),
  });
  map.onError((error) => {
    console.error(error);
    status.note(t('error.basemap'));
  });
} catch (error) {
  console.error(error);
  status.note(t('error.map'));
}

const search = startSearchBox(
  {
    form: byId('search-form', HTMLFormElement),
    input: byId('search-input', HTMLInputElement),
    status: byId('search-status', HTMLParagraphElement),
  },
  state,
  () => list.focus(),
);
const lookups = new ApiLookups(store, state, (progress) => search.report(progress));
const view = new EntryView({ store, state, lookups, map }, themes);
const list = startEntryList({
  elements: {
    heading: byId('list-title', HTMLHeadingElement),
    count: byId('list-count', HTMLParagraphElement),
    sort: byId('list-sort', HTMLSelectElement),
    inView: byId('list-in-view', HTMLInputElement),
    body: byId('list-body', HTMLDivElement),
    empty: byId('list-empty', HTMLParagraphElement),
  },
  view,
  lookups,
  state,
  map,
  themes: () => themes,
  // From the list, the map follows when the entry is out of its sight.
  onOpen: (id) => selection.select(id, false),
});
const filters = new FiltersPanel(
  {
    details: byId('filters', HTMLDetailsElement),
    activeCount: byId('filters-active', HTMLSpanElement),
    body: byId('filters-body', HTMLDivElement),
  },
  state,
  store,
);
const panel = new PanelShell(byId('panel', HTMLElement));
const editorDeps = () => ({
  panel,
  map,
  store,
  themes,
  geocoderUrl: config.geocoder?.url ?? null,
  writer: context.entryWriter,
});
const selection = new Selection({
  panel,
  state,
  store,
  view,
  map,
  themes: () => themes,
  actor: () => actor,
  edit: (entry, etag) =>
    void startEditing(
      editorDeps,
      {
        onSaved: (saved) => selection.update(saved, `"${saved.properties.version}"`),
        onCancel: () => selection.reopen(),
      },
      { entry, etag },
    ),
});

// The map: a click opens the entry (not while the editor is open: a stray tap must not lose a form).
map?.onEntryClick((id) => {
  if (panel.mode !== 'editor') selection.select(id);
});
map?.onViewChange((viewport) => {
  state.set({ view: { lng: viewport.lng, lat: viewport.lat, zoom: viewport.zoom } });
  void loader.update(viewport.bounds, viewport.zoom, state.get());
});
state.subscribe((current, previous) => {
  const filtersChanged =
    current.kinds !== previous.kinds ||
    current.themes !== previous.themes ||
    current.network !== previous.network ||
    current.statuses !== previous.statuses;
  const viewport = map?.getViewport();
  if (filtersChanged && viewport) void loader.update(viewport.bounds, viewport.zoom, current);
});

const legend = byId('legend-body', HTMLDivElement);
// On a phone the legend starts folded: the map needs the room.
if (window.matchMedia('(max-width: 48rem)').matches) byId('legend', HTMLDetailsElement).open = false;
const drawLegend = debounce(() => renderLegend(legend, view.entries(), themes), 150);
view.subscribe(() => drawLegend());

themesRequest
  .then((tree) => {
    themes = new ThemeIndex(tree);
    view.setThemes(themes);
    filters.setThemes(themes);
    drawLegend();
  })
  .catch((error: unknown) => {
    console.warn(error);
    status.note(t('status.themesUnavailable'));
  });

const sessionLine = byId('session', HTMLParagraphElement);
const actorListeners = new Set<(actor: Actor | null) => void>();
let actorKnown = false;
const actorChanged = (value: Actor | null) => {
  actor = value;
  actorKnown = true;
  for (const listener of actorListeners) listener(value);
  filters.setActor(value);
  sessionLine.hidden = !value;
  sessionLine.textContent = value
    ? t('session.as', { name: value.displayName || t(`role.${value.role}`) })
    : '';
  if (panel.mode === 'entry') void selection.refresh();
};
// Who is writing matters only for moderation and edits: asked once the first places are loaded, so that it
// does not compete with them for the server (an embedded database answers one query at a time).
let actorAsked = false;
const askActor = () => {
  if (actorAsked) return;
  actorAsked = true;
  void getActor().then(actorChanged);
};
if (state.get().selected) askActor();
new PerformanceObserver((list) => {
  if (list.getEntries().some((mark) => mark.name === 'atlas:first-places' || mark.name === 'atlas:loaded'))
    askActor();
}).observe({ type: 'mark' });
// Without a map (no WebGL) or without entries, no such mark comes.
setTimeout(askActor, 4_000);
onSessionChange(() => void getActor().then(actorChanged));

const addButton = byId('add-button', HTMLButtonElement);
addButton.addEventListener('click', () => {
  state.set({ selected: null });
  void startEditing(editorDeps, {
    onSaved: (saved, note) => {
      store.upsert([saved]);
      selection.select(saved.id, false);
      if (note) status.note(note);
    },
    onCancel: () => {
      panel.hide();
      addButton.focus();
    },
  });
});

const showView = setUpViewSwitch(
  byId('view-map', HTMLButtonElement),
  byId('view-list', HTMLButtonElement),
  () => map?.resize(),
);
byId('skip-link', HTMLAnchorElement).addEventListener('click', (event) => {
  if (!map) return;
  event.preventDefault();
  showView('map');
  map.focus();
});
setUpCredits(byId('credits-link', HTMLAnchorElement), byId('credits', HTMLDialogElement));
const languageLink = byId('lang-switch', HTMLAnchorElement);
syncUrl(state, (url) => updateLanguageLink(languageLink, url));

const context: AppContext = {
  map,
  state,
  entries: store,
  get themes() {
    return themes;
  },
  matches: (entry) => view.matches(entry),
  select: (id) => selection.select(id, false),
  entryWriter: directWriter,
  setEntryWriter(writer) {
    context.entryWriter = writer;
  },
  onActorChange(listener) {
    actorListeners.add(listener);
    if (actorKnown) listener(actor);
    return () => actorListeners.delete(listener);
  },
};
provideAppContext(context);
// A link that names an entry opens it.
if (state.get().selected) void selection.refresh(true);
