import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { type Actor, getActor, getSession, setSession, setToken } from '../../lib/session';

let dialog: HTMLDialogElement | null = null;

/**
 * Asks for a token before a first contribution: a short explanation (join a workshop with its link or QR
 * code, or paste a token), a field to paste one, and a check with the API. Resolves with the actor, or null
 * when the person cancels.
 */
export function askForToken(): Promise<Actor | null> {
  dialog?.remove();
  const input = h('input', {
    type: 'password',
    id: 'token-input',
    autocomplete: 'off',
    spellcheck: 'false',
    required: '',
  });
  const error = h('p', { class: 'field-error', id: 'token-error', role: 'alert' });
  error.hidden = true;
  input.setAttribute('aria-describedby', 'token-help token-error');
  const submit = h('button', { type: 'submit', class: 'button-primary' }, t('token.use'));
  const cancel = h(
    'button',
    { type: 'button', class: 'button-secondary', value: 'cancel' },
    t('token.cancel'),
  );
  const form = h(
    'form',
    { method: 'dialog' },
    h('h2', { id: 'token-title' }, t('token.title')),
    h('p', {}, t('token.why')),
    h('p', {}, t('token.workshop')),
    h('p', { id: 'token-help' }, t('token.paste')),
    h('div', { class: 'field' }, h('label', { for: input.id }, t('token.label')), input, error),
    h('div', { class: 'button-row' }, submit, cancel),
  );
  const element = h('dialog', { class: 'dialog', 'aria-labelledby': 'token-title' }, form);
  dialog = element;
  document.body.append(element);

  return new Promise((resolve) => {
    let settled = false;
    const finish = (actor: Actor | null) => {
      if (settled) return;
      settled = true;
      element.close();
      element.remove();
      resolve(actor);
    };
    cancel.addEventListener('click', () => finish(null));
    element.addEventListener('cancel', () => finish(null));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const token = input.value.trim();
      if (!token) return;
      submit.disabled = true;
      const previous = getSession();
      setToken(token);
      const actor = await getActor();
      submit.disabled = false;
      if (actor) {
        finish(actor);
        return;
      }
      setSession(previous);
      error.textContent = t('token.invalid');
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    });
    element.showModal();
    input.focus();
  });
}
