import { getLang, LANGS } from './i18n';

// The page's own controls, outside any feature: the language switch, the credits, the map/list switch.

/** Points the language link at this very view in the other language (the page reloads in it). */
export function updateLanguageLink(link: HTMLAnchorElement, url: string): void {
  const other = LANGS.find((lang) => lang !== getLang()) ?? 'fr';
  const target = new URL(url, window.location.href);
  target.searchParams.set('lang', other);
  link.href = `${target.pathname}${target.search}${target.hash}`;
  link.lang = other;
  link.hreflang = other;
}

export function setUpCredits(link: HTMLAnchorElement, dialog: HTMLDialogElement): void {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    dialog.showModal();
  });
  for (const button of dialog.querySelectorAll('button[data-close]')) {
    button.addEventListener('click', () => dialog.close());
  }
}

/** On a phone, the map and the list take turns on the screen; `body[data-view]` says which one shows. */
export function setUpViewSwitch(
  mapButton: HTMLButtonElement,
  listButton: HTMLButtonElement,
  onShow: (view: 'map' | 'list') => void,
): (view: 'map' | 'list') => void {
  const show = (view: 'map' | 'list') => {
    document.body.dataset.view = view;
    mapButton.setAttribute('aria-pressed', String(view === 'map'));
    listButton.setAttribute('aria-pressed', String(view === 'list'));
    onShow(view);
  };
  mapButton.addEventListener('click', () => show('map'));
  listButton.addEventListener('click', () => show('list'));
  return show;
}
