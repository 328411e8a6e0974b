import type { Workshop } from '../../../server/contract/workshop';
import { ApiError } from '../../lib/api-error';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { type Session, setSession } from '../../lib/session';
import { getWorkshop, joinWorkshop } from './workshop-api';

/** The join code of `?join=CODE` (the workshop's join URL and QR code), or null. */
export function joinCodeFromUrl(search = globalThis.location?.search ?? ''): string | null {
  const code = new URLSearchParams(search).get('join')?.trim();
  return code && /^[0-9A-Za-z-]{4,12}$/.test(code) ? code.toUpperCase() : null;
}

/** Takes `?join=` out of the address, so that a reload or a shared link does not ask again. */
export function forgetJoinCode(): void {
  const url = new URL(window.location.href);
  url.searchParams.delete('join');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/**
 * Asks a display name in a modal dialog, joins the workshop and stores the contributor token in the session.
 * Resolves with the new session, or null when the person put it off or the workshop cannot be joined (the
 * dialog then says why before it is closed).
 */
export async function runJoinDialog(code: string): Promise<Session | null> {
  let workshop: Workshop | null = null;
  let problem: string | null = null;
  try {
    workshop = await getWorkshop(code);
    if (workshop.status === 'closed') problem = t('join.closed');
  } catch (error) {
    problem =
      error instanceof ApiError && error.status === 404
        ? t('join.notFound', { code })
        : t('join.failed', {
            detail: error instanceof ApiError ? (error.detail ?? error.title) : String(error),
          });
  }

  const title = h('h2', { id: 'join-title' }, t('join.title', { title: workshop?.title ?? code }));
  const message = h('p', { class: 'join-message', role: 'alert' });
  const input = h('input', {
    id: 'join-name',
    name: 'displayName',
    type: 'text',
    required: '',
    maxlength: '80',
    autocomplete: 'nickname',
  });
  const submit = h('button', { type: 'submit' }, t('join.submit'));
  const cancel = h('button', { type: 'button', value: 'cancel' }, t('join.cancel'));
  const form = h(
    'form',
    { method: 'dialog', class: 'join-form' },
    h('p', {}, t('join.intro')),
    h('label', { for: 'join-name' }, t('join.displayName')),
    input,
    message,
    h('div', { class: 'join-actions' }, submit, cancel),
  );
  const dialog = h('dialog', { class: 'join-dialog', 'aria-labelledby': 'join-title' }, title, form);
  document.body.append(dialog);
  if (problem) {
    message.textContent = problem;
    input.disabled = true;
    submit.disabled = true;
  }

  return new Promise((resolve) => {
    let session: Session | null = null;
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(session);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const name = input.value.trim();
      if (!name) {
        input.focus();
        return;
      }
      submit.disabled = true;
      message.textContent = t('join.joining');
      try {
        const result = await joinWorkshop(code, name);
        session = {
          token: result.token,
          displayName: result.contributor.displayName,
          role: result.contributor.role,
          workshop: result.workshop.code,
          contributorId: result.contributor.id,
        };
        setSession(session);
        dialog.close();
      } catch (error) {
        submit.disabled = false;
        const closed = error instanceof ApiError && error.status === 403;
        message.textContent = closed
          ? t('join.closed')
          : t('join.failed', {
              detail: error instanceof ApiError ? (error.detail ?? error.title) : String(error),
            });
      }
    });
    dialog.showModal();
    input.focus();
  });
}
