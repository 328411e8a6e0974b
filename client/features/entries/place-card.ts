import type { EntryFeature } from '../../../server/contract/entry';
import { h, isHttpUrl } from '../../lib/dom';
import { t } from '../../lib/i18n';

/**
 * Shows one place in the side panel: name, summary, address and website. Every value is set as text, never
 * parsed as HTML. The heading takes the focus so that a screen reader reads the card at once.
 */
export function showPlaceCard(panel: HTMLElement, place: EntryFeature, onClose: () => void): void {
  const { name, summary, address, url } = place.properties;
  const where = [address.street, [address.postcode, address.city].filter(Boolean).join(' ')].filter(Boolean);
  const heading = h('h2', { id: 'place-title', tabindex: '-1' }, name);
  const close = h('button', { type: 'button', class: 'panel-close', 'aria-label': t('place.close') }, '×');
  close.addEventListener('click', onClose);
  const parts = [
    close,
    heading,
    summary ? h('p', {}, summary) : null,
    where.length > 0 ? h('p', { class: 'place-address' }, where.join(', ')) : null,
    isHttpUrl(url)
      ? h('p', {}, h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, t('place.website')))
      : null,
  ];
  panel.replaceChildren(...parts.filter((part) => part !== null));
  panel.setAttribute('aria-labelledby', 'place-title');
  panel.hidden = false;
  heading.focus();
}

export function hidePlaceCard(panel: HTMLElement): void {
  panel.hidden = true;
  panel.replaceChildren();
}
