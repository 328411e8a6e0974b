import type { Workshop } from '../../../server/contract/workshop';
import { ApiError } from '../../lib/api-error';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { getSession, setSession } from '../../lib/session';
import { createWorkshop, listWorkshops } from '../workshops/workshop-api';

/** A form asking for a facilitator or admin token; it keeps it in the session and reloads the page. */
export function renderTokenForm(container: HTMLElement, problem: string | null): void {
  const input = h('input', { id: 'fac-token', type: 'password', autocomplete: 'off', required: '' });
  const form = h(
    'form',
    { class: 'fac-form' },
    problem ? h('p', { role: 'alert', class: 'fac-error' }, problem) : null,
    h('label', { for: 'fac-token' }, t('facilitator.tokenLabel')),
    input,
    h('p', { class: 'fac-help' }, t('facilitator.tokenHelp')),
    h('button', { type: 'submit' }, t('facilitator.tokenSubmit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return;
    setSession({ token, displayName: '', role: 'facilitator', workshop: null, contributorId: null });
    window.location.reload();
  });
  container.append(form);
}

/** Without `?workshop=`: the facilitator's workshops as links, and a form to create one. */
export async function renderWorkshopChooser(container: HTMLElement): Promise<void> {
  if (!getSession()) {
    renderTokenForm(container, null);
    return;
  }
  let workshops: Workshop[];
  try {
    workshops = await listWorkshops();
  } catch (error) {
    const denied = error instanceof ApiError && (error.status === 401 || error.status === 403);
    renderTokenForm(container, denied ? t('facilitator.notManager') : describe(error));
    return;
  }
  const list = h(
    'ul',
    { class: 'fac-workshops' },
    ...workshops.map((workshop) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: `?workshop=${encodeURIComponent(workshop.code)}` },
          `${workshop.title} (${workshop.code})`,
        ),
      ),
    ),
  );
  const title = h('input', { id: 'fac-new-title', required: '', maxlength: '200' });
  const policy = h(
    'select',
    { id: 'fac-new-policy' },
    h('option', { value: 'open' }, t('facilitator.policyOpen')),
    h('option', { value: 'review' }, t('facilitator.policyReview')),
  );
  const message = h('p', { role: 'status' });
  const form = h(
    'form',
    { class: 'fac-form' },
    h('h2', {}, t('facilitator.create')),
    h('label', { for: 'fac-new-title' }, t('facilitator.createTitle')),
    title,
    h('label', { for: 'fac-new-policy' }, t('facilitator.createPolicy')),
    policy,
    h('button', { type: 'submit' }, t('facilitator.createSubmit')),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await createWorkshop({
        title: title.value.trim(),
        policy: policy.value === 'review' ? 'review' : 'open',
      });
      window.location.search = `?workshop=${encodeURIComponent(created.code)}`;
    } catch (error) {
      message.textContent = describe(error);
    }
  });
  container.append(
    h('h2', {}, t('facilitator.workshops')),
    workshops.length > 0 ? list : h('p', {}, t('facilitator.noWorkshops')),
    form,
  );
}

export function describe(error: unknown): string {
  return t('facilitator.loadFailed', {
    detail: error instanceof ApiError ? (error.detail ?? error.title) : String(error),
  });
}
