import type { EntryFeature, EntryKind } from '../../../server/contract/entry';
import { LIMITS } from '../../../server/contract/entry';
import type { EntryWriter } from '../../app-context';
import { ApiError } from '../../lib/api-error';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { newUuid } from '../../lib/uuid';
import type { AtlasMap } from '../../map/atlas-map';
import type { EntryStore } from '../entries/entry-store';
import { ThemeCheckboxes } from '../filters/theme-checkboxes';
import { errorDetail } from '../history/history-section';
import type { PanelShell } from '../panel/panel-shell';
import type { ThemeIndex } from '../themes/theme-index';
import { KINDS } from '../url-state/app-state';
import {
  type DraftValues,
  draftFromEntry,
  draftToInput,
  draftToPatch,
  EMPTY_DRAFT,
  validateDraft,
} from './entry-draft';
import { clearErrorOnChange, clearFieldErrors, field, showFieldErrors } from './field-errors';
import { PositionPicker } from './position-picker';
import { RelationPicker } from './relation-picker';
import { saveLinks } from './save-links';

export interface EditorOptions {
  panel: PanelShell;
  map: AtlasMap | null;
  store: EntryStore;
  themes: ThemeIndex;
  geocoderUrl: string | null;
  writer: EntryWriter;
  /** The entry to edit and its ETag; absent to add a new one. */
  editing?: { entry: EntryFeature; etag: string };
  /** Where a new entry starts (a long press or click on the map before opening the form). */
  at?: [number, number];
  onSaved(entry: EntryFeature, note: string | null): void;
  onCancel(): void;
}

/**
 * The form to add or edit an entry, in the panel (a bottom sheet on phones, its buttons at thumb's reach).
 * Checks what it can before sending; the API's problem `errors` then show beside their fields as well.
 */
export function openEditor(options: EditorOptions): void {
  const { editing } = options;
  const original: DraftValues = editing
    ? draftFromEntry(editing.entry)
    : { ...EMPTY_DRAFT, position: options.at ?? null };
  let kind: EntryKind = original.kind;
  let themes = [...original.themes];
  // The same id for every attempt of one creation: a retry after a lost answer never makes a second entry.
  let createId = newUuid();

  const heading = h(
    'h2',
    { id: 'editor-title' },
    editing ? t('form.editTitle', { name: editing.entry.properties.name }) : t('form.addTitle'),
  );
  const summaryBox = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' });
  summaryBox.hidden = true;

  const kindGroup = h(
    'fieldset',
    { class: 'field kind-choice', 'data-path': '/properties/kind' },
    h('legend', {}, t('form.kind')),
  );
  for (const value of KINDS) {
    const radio = h('input', { type: 'radio', name: 'kind', id: `form-kind-${value}`, value });
    radio.checked = value === kind;
    radio.addEventListener('change', () => {
      kind = value;
      rebuildLinks();
    });
    kindGroup.append(
      h('label', { for: radio.id, class: 'choice' }, radio, h('span', {}, t(`kind.${value}`))),
    );
  }

  const input = (id: string, value: string, attributes: Record<string, string> = {}) => {
    const element = h('input', { id, type: 'text', ...attributes });
    element.value = value;
    return element;
  };
  const name = input('form-name', original.name, { maxlength: String(LIMITS.nameMax), autocomplete: 'off' });
  const summary = h('textarea', { id: 'form-summary', rows: '2', maxlength: String(LIMITS.summaryMax) });
  summary.value = original.summary;
  const description = h('textarea', { id: 'form-description', rows: '5' });
  description.value = original.description;
  const url = input('form-url', original.url, {
    type: 'url',
    inputmode: 'url',
    autocomplete: 'url',
    placeholder: 'https://',
  });
  const street = input('form-street', original.street, { autocomplete: 'address-line1' });
  const postcode = input('form-postcode', original.postcode, {
    autocomplete: 'postal-code',
    inputmode: 'numeric',
  });
  const city = input('form-city', original.city, { autocomplete: 'address-level2' });

  const position = new PositionPicker({
    map: options.map,
    initial: original.position,
    picking: !editing && !original.position,
    geocoderUrl: options.geocoderUrl,
    onGeocoded: (place) => {
      if (place.street && !street.value) street.value = place.street;
      if (place.postcode && !postcode.value) postcode.value = place.postcode;
      if (place.city && !city.value) city.value = place.city;
    },
  });

  const themeBoxes = new ThemeCheckboxes({
    idPrefix: 'form-theme',
    counts: false,
    parentIncludesChildren: false,
    onChange: (selected) => {
      themes = selected;
    },
  });
  themeBoxes.setThemes(options.themes);
  themeBoxes.setSelected(themes);
  const themeGroup = h(
    'fieldset',
    { class: 'field themes-choice', 'data-path': '/properties/themes' },
    h('legend', {}, t('form.themes')),
    h('p', { class: 'field-hint' }, t('form.themesHint')),
    themeBoxes.element,
    h('p', { class: 'field-error', hidden: '' }),
  );

  const linksSlot = h('div', {});
  let links: RelationPicker;
  function rebuildLinks() {
    const keep = links ? links.value() : original.links;
    const resource = kind === 'resource';
    const allowed: EntryKind[] = resource ? ['network', 'place'] : ['network', 'resource'];
    links = new RelationPicker({
      id: 'form-links',
      label: resource ? t('form.maintainedBy') : t('form.links'),
      hint: resource ? t('form.maintainedByHint') : t('form.linksHint'),
      kinds: allowed,
      store: options.store,
      initial: keep.filter((ref) => allowed.includes(ref.kind)),
      saved: original.links.map((ref) => ref.id),
      self: editing?.entry.id ?? null,
    });
    linksSlot.replaceChildren(links.element);
  }
  rebuildLinks();

  const status = h('p', { class: 'form-status', role: 'status' });
  const save = h(
    'button',
    { type: 'submit', class: 'button-primary' },
    editing ? t('form.saveChanges') : t('form.save'),
  );
  const cancel = h('button', { type: 'button', class: 'button-secondary' }, t('form.cancel'));
  const form = h(
    'form',
    { class: 'entry-form', novalidate: '' },
    summaryBox,
    kindGroup,
    field('/properties/name', t('form.name'), name, { required: true }),
    position.element,
    themeGroup,
    field('/properties/summary', t('form.summary'), summary, {
      hint: t('form.summaryHint', { max: LIMITS.summaryMax }),
    }),
    linksSlot,
    field('/properties/url', t('form.url'), url),
    h(
      'fieldset',
      { class: 'field address', 'data-path': '/properties/address' },
      h('legend', {}, t('form.address')),
      field('/properties/address/street', t('form.street'), street),
      h(
        'div',
        { class: 'inline' },
        field('/properties/address/postcode', t('form.postcode'), postcode),
        field('/properties/address/city', t('form.city'), city),
      ),
      h('p', { class: 'field-error', hidden: '' }),
    ),
    field('/properties/description', t('form.description'), description, { hint: t('form.descriptionHint') }),
    h('div', { class: 'form-actions' }, status, save, cancel),
  );

  clearErrorOnChange(form);

  const values = (): DraftValues => ({
    kind,
    name: name.value,
    summary: summary.value,
    description: description.value,
    url: url.value,
    street: street.value,
    postcode: postcode.value,
    city: city.value,
    themes,
    position: position.value(),
    links: links.value(),
  });

  const close = () => position.destroy();
  cancel.addEventListener('click', () => options.onCancel());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const draft = values();
    const errors = validateDraft(draft);
    if (errors.length > 0) {
      showFieldErrors(form, summaryBox, errors);
      return;
    }
    clearFieldErrors(form, summaryBox);
    save.disabled = true;
    form.setAttribute('aria-busy', 'true');
    status.textContent = t('form.saving');
    try {
      let saved: EntryFeature;
      if (editing) {
        const patch = draftToPatch(original, draft);
        saved = patch ? await options.writer.update(editing.entry.id, patch, editing.etag) : editing.entry;
      } else {
        saved = await options.writer.create(draftToInput(draft, createId));
      }
      const linkNote = await saveLinks(saved, original.links, draft.links, kind);
      close();
      options.onSaved(saved, linkNote);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && !editing) createId = newUuid();
      if (error instanceof ApiError && error.errors.length > 0)
        showFieldErrors(form, summaryBox, error.errors);
      else {
        summaryBox.replaceChildren(h('p', {}, t('form.failed', { detail: errorDetail(error) })));
        summaryBox.hidden = false;
        summaryBox.focus();
      }
      status.textContent = '';
    } finally {
      save.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  const intro = editing ? null : h('p', { class: 'form-intro' }, t('form.intro'));
  options.panel.open(intro ? [heading, intro, form] : [heading, form], {
    heading,
    mode: 'editor',
    onLeave: close,
    onClose: () => options.onCancel(),
  });
}
