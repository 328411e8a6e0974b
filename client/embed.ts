import './styles.css';
import { startPlacesMap } from './features/entries/places-map';
import { byId } from './lib/dom';
import { detectLang, setLang, t, translateDom } from './lib/i18n';

// The light embed page (in another site's iframe): the map of places only, filtered by its own query string
// (`?theme=…&theme=…&network=…`), with a link to the full atlas.

setLang(detectLang());
translateDom(document);
document.title = t('app.title');

const params = new URLSearchParams(window.location.search);
const network = params.get('network');

const open = byId('open-atlas', HTMLAnchorElement);
open.href = new URL(`/${window.location.search}`, window.location.href).href;

startPlacesMap({
  container: byId('map', HTMLDivElement),
  status: byId('status', HTMLParagraphElement),
  query: { theme: params.getAll('theme'), ...(network ? { network } : {}) },
  // Inside another page, scrolling must scroll that page: the map zooms with Ctrl + scroll only.
  cooperativeGestures: true,
});
