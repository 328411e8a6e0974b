import './styles.css';
import './features/live/live-app';
import { hidePlaceCard, showPlaceCard } from './features/entries/place-card';
import { startPlacesMap } from './features/entries/places-map';
import { byId } from './lib/dom';
import { detectLang, getLang, LANGS, setLang, t, translateDom } from './lib/i18n';
import type { AtlasMap } from './map/atlas-map';

// The app page: header, status line, the map of places and a side panel for the clicked place.

setLang(detectLang());
translateDom(document);
document.title = t('app.title');

const panel = byId('panel', HTMLElement);
let map: AtlasMap | null = null;

setUpLanguageSwitch(byId('lang-switch', HTMLAnchorElement));
setUpCredits(byId('credits-link', HTMLAnchorElement), byId('credits', HTMLDialogElement));

// The skip link lands on the map canvas itself, where the arrow keys pan and +/- zoom.
byId('skip-link', HTMLAnchorElement).addEventListener('click', (event) => {
  if (!map) return;
  event.preventDefault();
  map.focus();
});

const closePanel = () => {
  hidePlaceCard(panel);
  map?.select(null);
  map?.focus();
};
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !panel.hidden) closePanel();
});

startPlacesMap({
  container: byId('map', HTMLDivElement),
  status: byId('status', HTMLParagraphElement),
  onSelect: (place) => showPlaceCard(panel, place, closePanel),
}).then((started) => {
  map = started.map;
});

/** A link to this page in the other language; the page reloads in it. */
function setUpLanguageSwitch(link: HTMLAnchorElement): void {
  const other = LANGS.find((lang) => lang !== getLang()) ?? 'fr';
  const url = new URL(window.location.href);
  url.searchParams.set('lang', other);
  link.href = `${url.pathname}${url.search}`;
  link.lang = other;
  link.hreflang = other;
}

function setUpCredits(link: HTMLAnchorElement, dialog: HTMLDialogElement): void {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    dialog.showModal();
  });
  for (const button of dialog.querySelectorAll('button[data-close]')) {
    button.addEventListener('click', () => dialog.close());
  }
}
