import type { AppContext } from '../../app-context';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { openShareDialog } from './share-dialog';

/** A "share or embed" link in the app's header navigation, opening the share dialog. */
export function mountShareButton(context: AppContext): void {
  const nav = document.querySelector('.app-nav');
  if (!nav) return;
  const link = h('a', { href: '#share', id: 'share-link' }, t('share.open'));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    openShareDialog(context.state.get(), link);
  });
  nav.prepend(link);
}
