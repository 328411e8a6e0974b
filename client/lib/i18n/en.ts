import { enApp } from './en-app';
import { enImport } from './en-import';
import { enLive } from './en-live';
import type { MessageKey } from './fr';
import type { Message } from './message';

/** The English catalogue: typed so that a key missing from French's list fails to compile. */
export const en: Record<MessageKey, Message> = {
  'app.title': 'Atlas des communs',
  'app.description':
    'A collaborative map of the commons: third places, the networks that link them and the digital commons they share.',
  'nav.skipToMap': 'Skip to the map',
  'nav.label': 'Page links',
  'nav.credits': 'Sources and credits',
  'nav.switchLanguage': 'Lire en français',

  'status.loading': 'Loading places…',
  'status.themesUnavailable': 'Theme colours unavailable.',

  'error.network': 'Cannot reach the server: check the connection, then reload the page.',
  'error.apiUnavailable': 'Places cannot be loaded: the atlas server is not answering (error {status}).',
  'error.api': 'Places cannot be loaded: {detail}',
  'error.unexpected': 'Places cannot be loaded: unexpected answer from the server.',
  'error.map': 'The map cannot be shown on this device (WebGL unavailable).',
  'error.basemap': 'The basemap could not be loaded.',

  'map.label': 'Map of the atlas’s places',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'map.resetBearing': 'Drag to rotate the map, click to reset north',
  'map.toggleAttribution': 'Show or hide the map credits',
  'map.gestures.windows': 'Use Ctrl + scroll to zoom the map',
  'map.gestures.mac': 'Use ⌘ + scroll to zoom the map',
  'map.gestures.mobile': 'Use two fingers to move the map',
  'map.close': 'Close',
  'map.attribution.world': 'Natural Earth',
  'map.attribution.france': 'IGN Admin Express (Open Licence)',

  'credits.title': 'Sources and credits',
  'credits.basemap':
    'Basemap: world countries from Natural Earth (public domain, through the world-atlas package); French régions and départements from IGN Admin Express (Open Licence, through france-geojson).',
  'credits.data':
    'Places: the contributions to the atlas. The demo atlas starts from the 2019 national census of third places (CGET / ANCT, Open Licence 2.0).',
  'credits.software':
    'Map drawn with MapLibre GL JS (BSD licence). The atlas’s code is under the AGPL-3.0 licence.',
  'credits.privacy':
    'By default, this page makes no request to any other server: no tiles, fonts, scripts or analytics.',
  'credits.close': 'Close',

  'embed.openAtlas': 'Open the full atlas',

  ...enApp,
  ...enLive,
  ...enImport,
};
