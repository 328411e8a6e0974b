import type { FieldError } from '../../../server/contract/problem';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';

/**
 * A field of the form: a wrapper that says which JSON Pointer of the entry it edits (`data-path`), its
 * label, its control and the place for its error message, tied together by ids and aria-describedby.
 */
export function field(
  path: string,
  label: string,
  control: HTMLElement,
  options: { hint?: string; required?: boolean } = {},
): HTMLElement {
  const id = control.id;
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  error.hidden = true;
  const hint = options.hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, options.hint) : null;
  control.setAttribute('aria-describedby', [hint?.id, error.id].filter(Boolean).join(' '));
  if (options.required) control.setAttribute('aria-required', 'true');
  const labelText = options.required ? `${label} ${t('form.required')}` : label;
  return h(
    'div',
    { class: 'field', 'data-path': path },
    h('label', { for: id }, labelText),
    hint,
    control,
    error,
  );
}

/** The messages that belong to no field of the form (an unexpected path, a whole-request problem). */
export function showFieldErrors(
  form: HTMLElement,
  summary: HTMLElement,
  errors: readonly FieldError[],
): void {
  clearFieldErrors(form, summary);
  const fields = [...form.querySelectorAll<HTMLElement>('[data-path]')];
  const orphans: string[] = [];
  let first: HTMLElement | null = null;
  for (const error of errors) {
    // The deepest field whose path starts the error's: /properties/address/city → the city field.
    const target = fields
      .filter((f) => error.path === f.dataset.path || error.path.startsWith(`${f.dataset.path}/`))
      .sort((a, b) => (b.dataset.path?.length ?? 0) - (a.dataset.path?.length ?? 0))[0];
    if (!target) {
      orphans.push(error.message);
      continue;
    }
    const message = target.querySelector<HTMLElement>(':scope > .field-error');
    if (message) {
      message.textContent = message.hidden ? error.message : `${message.textContent} ${error.message}`;
      message.hidden = false;
    }
    const control = target.querySelector<HTMLElement>('input, textarea, select, button');
    control?.setAttribute('aria-invalid', 'true');
    first ??= control;
  }
  const count = errors.length;
  summary.replaceChildren(
    h('p', {}, t('form.errorSummary', { count })),
    ...(orphans.length > 0 ? [h('ul', {}, ...orphans.map((text) => h('li', {}, text)))] : []),
  );
  summary.hidden = false;
  (first ?? summary).focus();
}

export function clearFieldErrors(form: HTMLElement, summary: HTMLElement): void {
  for (const message of form.querySelectorAll<HTMLElement>('.field-error')) {
    message.hidden = true;
    message.textContent = '';
  }
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  summary.hidden = true;
  summary.replaceChildren();
}

/** Takes a field's message away as soon as the person changes it. */
export function clearErrorOnChange(form: HTMLElement): void {
  const clear = (event: Event) => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('[data-path]');
    if (!target) return;
    const message = target.querySelector<HTMLElement>(':scope > .field-error');
    if (message && !message.hidden) {
      message.hidden = true;
      message.textContent = '';
    }
    for (const control of target.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  };
  form.addEventListener('input', clear);
  form.addEventListener('change', clear);
}
