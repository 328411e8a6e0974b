import { frApp } from './fr-app';
import { frImport } from './fr-import';
import { frLive } from './fr-live';
import type { Message } from './message';

/** The French catalogue: the reference one, every other language must have all its keys. */
export const fr = {
  'app.title': 'Atlas des communs',
  'app.description':
    'Carte collaborative des communs : tiers-lieux, réseaux qui les relient et ressources numériques communes.',
  'nav.skipToMap': 'Aller à la carte',
  'nav.label': 'Liens de la page',
  'nav.credits': 'Sources et crédits',
  'nav.switchLanguage': 'Read in English',

  'status.loading': 'Chargement des lieux…',
  'status.themesUnavailable': 'Couleurs des thèmes indisponibles.',

  'error.network': 'Impossible de joindre le serveur : vérifiez la connexion, puis rechargez la page.',
  'error.apiUnavailable':
    'Les lieux ne peuvent pas être chargés : le serveur de l’atlas ne répond pas (erreur {status}).',
  'error.api': 'Les lieux ne peuvent pas être chargés : {detail}',
  'error.unexpected': 'Les lieux ne peuvent pas être chargés : réponse inattendue du serveur.',
  'error.map': 'La carte ne peut pas s’afficher sur cet appareil (WebGL indisponible).',
  'error.basemap': 'Le fond de carte n’a pas pu être chargé.',

  'map.label': 'Carte des lieux de l’atlas',
  'map.zoomIn': 'Zoomer',
  'map.zoomOut': 'Dézoomer',
  'map.resetBearing': 'Faire pivoter la carte ; cliquer pour revenir au nord',
  'map.toggleAttribution': 'Afficher ou masquer les crédits de la carte',
  'map.gestures.windows': 'Utilisez Ctrl + molette pour zoomer',
  'map.gestures.mac': 'Utilisez ⌘ + molette pour zoomer',
  'map.gestures.mobile': 'Utilisez deux doigts pour déplacer la carte',
  'map.close': 'Fermer',
  'map.attribution.world': 'Natural Earth',
  'map.attribution.france': 'IGN Admin Express (Licence Ouverte)',

  'credits.title': 'Sources et crédits',
  'credits.basemap':
    'Fond de carte : pays du monde de Natural Earth (domaine public, par le paquet world-atlas) ; régions et départements de l’IGN Admin Express (Licence Ouverte, par france-geojson).',
  'credits.data':
    'Lieux : les contributions à l’atlas. L’atlas de démonstration reprend le recensement national des tiers-lieux de 2019 (CGET / ANCT, Licence Ouverte 2.0).',
  'credits.software':
    'Carte dessinée avec MapLibre GL JS (licence BSD). Code de l’atlas sous licence AGPL-3.0.',
  'credits.privacy':
    'Par défaut, cette page ne fait aucune requête vers un autre serveur : ni tuiles, ni polices, ni scripts, ni statistiques.',
  'credits.close': 'Fermer',

  'embed.openAtlas': 'Ouvrir l’atlas complet',

  ...frApp,
  ...frLive,
  ...frImport,
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof fr;
