import type { EntryCollection, EntryKind, EntryRef } from '../../../server/contract/entry';
import { entriesSearchParams } from '../../lib/api';
import { h } from '../../lib/dom';
import { getJson } from '../../lib/http';
import { t } from '../../lib/i18n';
import { debounce } from '../../lib/store';
import type { EntryStore } from '../entries/entry-store';
import { nameKey } from '../list/entry-sort';

const SUGGESTIONS = 8;

export interface RelationPickerOptions {
  id: string;
  label: string;
  hint: string;
  /** The kinds it suggests. */
  kinds: readonly EntryKind[];
  store: EntryStore;
  initial: EntryRef[];
  /** Ids among `initial` that are saved links already. */
  saved: readonly string[];
  /** The entry being edited, never suggested for itself. */
  self: string | null;
}

/**
 * Links to other entries, picked with an autocomplete (the ARIA 1.2 combobox pattern): names from the loaded
 * entries at once, then the API's full-text matches (`GET /api/entries?q=…&kind=…`). The picked ones are
 * shown as chips, each with a button to take it off.
 */
export class RelationPicker {
  readonly element: HTMLElement;
  private picked: EntryRef[];
  /** Links that exist already: shown, but taken off elsewhere (a relation is removed by a moderator). */
  private readonly fixed: ReadonlySet<string>;
  private suggestions: EntryRef[] = [];
  private active = -1;
  private readonly input: HTMLInputElement;
  private readonly listbox: HTMLUListElement;
  private readonly chips: HTMLUListElement;
  private readonly live: HTMLElement;
  private controller: AbortController | null = null;

  constructor(private readonly options: RelationPickerOptions) {
    this.picked = [...options.initial];
    this.fixed = new Set(options.saved);
    const listId = `${options.id}-options`;
    this.input = h('input', {
      type: 'text',
      id: options.id,
      role: 'combobox',
      autocomplete: 'off',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': listId,
      'aria-describedby': `${options.id}-hint`,
    });
    this.listbox = h('ul', {
      id: listId,
      role: 'listbox',
      class: 'combobox-options',
      'aria-label': options.label,
    });
    this.listbox.hidden = true;
    this.chips = h('ul', { class: 'chips picked', 'aria-label': t('form.linked') });
    this.live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.element = h(
      'div',
      { class: 'field combobox' },
      h('label', { for: options.id }, options.label),
      h('p', { class: 'field-hint', id: `${options.id}-hint` }, options.hint),
      this.input,
      this.listbox,
      this.chips,
      this.live,
    );
    const remote = debounce((q: string) => void this.searchApi(q), 200);
    this.input.addEventListener('input', () => {
      const q = this.input.value.trim();
      this.suggest(this.localMatches(q));
      if (q.length >= 2) remote(q);
      else remote.cancel();
    });
    this.input.addEventListener('keydown', (event) => this.keydown(event));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    this.listbox.addEventListener('mousedown', (event) => event.preventDefault());
    this.listbox.addEventListener('click', (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
      const index = Number(option?.dataset.index);
      if (option && Number.isInteger(index)) this.pick(index);
    });
    this.renderChips();
  }

  value(): EntryRef[] {
    return [...this.picked];
  }

  private localMatches(q: string): EntryRef[] {
    if (!q) return [];
    const key = q.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const matches: EntryRef[] = [];
    for (const entry of this.options.store.all()) {
      if (!this.options.kinds.includes(entry.properties.kind) || entry.id === this.options.self) continue;
      if (!nameKey(entry).includes(key)) continue;
      matches.push({ id: entry.id, name: entry.properties.name, kind: entry.properties.kind });
      if (matches.length >= SUGGESTIONS) break;
    }
    return matches;
  }

  private async searchApi(q: string): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    try {
      const params = entriesSearchParams({ q, kind: this.options.kinds }, SUGGESTIONS, null);
      const page = await getJson<EntryCollection>(`/api/entries?${params}`, controller.signal);
      if (controller.signal.aborted || this.input.value.trim() !== q) return;
      const found = page.features
        .filter((f) => f.id !== this.options.self)
        .map((f) => ({ id: f.id, name: f.properties.name, kind: f.properties.kind }));
      const merged = [...found];
      for (const local of this.localMatches(q))
        if (!merged.some((r) => r.id === local.id)) merged.push(local);
      this.suggest(merged.slice(0, SUGGESTIONS));
    } catch (error) {
      if (!controller.signal.aborted) console.warn('suggestions failed', error);
    }
  }

  private suggest(refs: EntryRef[]): void {
    this.suggestions = refs.filter((ref) => !this.picked.some((p) => p.id === ref.id));
    this.active = -1;
    this.listbox.replaceChildren(
      ...this.suggestions.map((ref, index) =>
        h(
          'li',
          {
            role: 'option',
            id: `${this.options.id}-option-${index}`,
            'data-index': String(index),
            'aria-selected': 'false',
          },
          ref.name,
          h('span', { class: 'relation-kind' }, ` (${t(`kind.${ref.kind}`)})`),
        ),
      ),
    );
    const open = this.suggestions.length > 0;
    this.listbox.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
    this.input.removeAttribute('aria-activedescendant');
    if (this.input.value.trim())
      this.live.textContent = t('form.suggestions', { count: this.suggestions.length });
  }

  private close(): void {
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  private move(delta: number): void {
    if (this.suggestions.length === 0) return;
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.active = (this.active + delta + this.suggestions.length) % this.suggestions.length;
    for (const [index, option] of [...this.listbox.children].entries())
      option.setAttribute('aria-selected', String(index === this.active));
    this.input.setAttribute('aria-activedescendant', `${this.options.id}-option-${this.active}`);
    this.listbox.children[this.active]?.scrollIntoView({ block: 'nearest' });
  }

  private keydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown') this.move(1);
    else if (event.key === 'ArrowUp') this.move(-1);
    else if (event.key === 'Enter' && this.active >= 0 && !this.listbox.hidden) this.pick(this.active);
    else if (event.key === 'Escape' && !this.listbox.hidden) this.close();
    else return;
    // Escape with the list closed is left to the panel (which closes).
    event.preventDefault();
    event.stopPropagation();
  }

  private pick(index: number): void {
    const ref = this.suggestions[index];
    if (!ref) return;
    this.picked.push(ref);
    this.input.value = '';
    this.close();
    this.renderChips();
    this.live.textContent = t('form.linkedOne', { name: ref.name });
    this.input.focus();
  }

  private renderChips(): void {
    this.chips.replaceChildren(
      ...this.picked.map((ref) => {
        if (this.fixed.has(ref.id)) return h('li', { class: 'chip' }, ref.name);
        const remove = h(
          'button',
          { type: 'button', class: 'chip-remove', 'aria-label': t('form.unlink', { name: ref.name }) },
          '×',
        );
        remove.addEventListener('click', () => {
          this.picked = this.picked.filter((p) => p.id !== ref.id);
          this.renderChips();
          this.live.textContent = t('form.unlinked', { name: ref.name });
          this.input.focus();
        });
        return h('li', { class: 'chip' }, ref.name, remove);
      }),
    );
    this.chips.hidden = this.picked.length === 0;
  }
}
