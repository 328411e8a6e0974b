import { type AppContext, onAppContext } from '../../app-context';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { isModerator } from '../../lib/session';
import type { ImportDialog } from './import-dialog';

// Imported by main.ts for its side effects: an "Import" button in the header for admins and facilitators.
// The dialog's code is loaded on the first click: visitors never download it.
onAppContext((context) => mountImportButton(context));

function mountImportButton(context: AppContext): void {
  const nav = document.querySelector('.app-nav');
  if (!nav) return;
  const button = h(
    'button',
    { type: 'button', id: 'import-button', class: 'nav-button', 'aria-haspopup': 'dialog', hidden: '' },
    t('import.open'),
  );
  let dialog: Promise<ImportDialog> | null = null;
  button.addEventListener('click', async () => {
    dialog ??= import('./import-dialog').then(({ ImportDialog }) => new ImportDialog(context));
    try {
      (await dialog).open(button);
    } catch (error) {
      // The dialog's code could not be loaded (offline, a new version deployed): the next click tries again.
      dialog = null;
      console.warn('import dialog unavailable', error);
    }
  });
  nav.prepend(button);
  context.onActorChange((actor) => {
    button.hidden = !isModerator(actor);
  });
}
