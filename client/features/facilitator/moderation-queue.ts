import type { EntryFeature } from '../../../server/contract/entry';
import { ApiError } from '../../lib/api-error';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { getPending, moderate } from '../workshops/workshop-api';

/**
 * The moderation queue of a workshop under review: its pending entries, each with approve and reject, and a
 * selection to approve or reject many at once. It reloads after each moderation and when the feed says
 * something changed.
 */
export class ModerationQueue {
  private entries: EntryFeature[] = [];
  private readonly selected = new Set<string>();
  private readonly list = h('ul', { class: 'fac-queue' });
  private readonly emptyNote = h('p', {}, t('facilitator.queueEmpty'));
  private readonly message = h('p', { role: 'status', class: 'fac-queue-message' });
  private readonly selectAll = h('input', { type: 'checkbox', id: 'queue-select-all' });
  private readonly approveSelected = h('button', { type: 'button' }, t('facilitator.approveSelected'));
  private readonly rejectSelected = h('button', { type: 'button' }, t('facilitator.rejectSelected'));
  private loading: Promise<void> | null = null;
  private again = false;

  constructor(
    container: HTMLElement,
    private readonly code: string,
  ) {
    const toolbar = h(
      'div',
      { class: 'fac-queue-toolbar' },
      h('span', {}, this.selectAll, ' ', h('label', { for: 'queue-select-all' }, t('facilitator.selectAll'))),
      this.approveSelected,
      this.rejectSelected,
    );
    container.append(toolbar, this.emptyNote, this.list, this.message);
    this.selectAll.addEventListener('change', () => {
      if (this.selectAll.checked) for (const entry of this.entries) this.selected.add(entry.id);
      else this.selected.clear();
      this.render();
    });
    this.approveSelected.addEventListener('click', () => void this.act([...this.selected], 'approve'));
    this.rejectSelected.addEventListener('click', () => void this.act([...this.selected], 'reject'));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Reloads the queue; calls that come while one runs are folded into one more. */
  reload(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        const pending = await getPending(this.code);
        this.entries = pending.features;
        const ids = new Set(this.entries.map((entry) => entry.id));
        for (const id of this.selected) if (!ids.has(id)) this.selected.delete(id);
        this.render();
      } catch (error) {
        this.message.textContent = t('facilitator.moderateFailed', { detail: describe(error) });
      } finally {
        this.loading = null;
        if (this.again) {
          this.again = false;
          void this.reload();
        }
      }
    })();
    return this.loading;
  }

  private async act(ids: string[], action: 'approve' | 'reject'): Promise<void> {
    if (ids.length === 0) return;
    try {
      const result = await moderate(this.code, { ids, action });
      this.message.textContent = t('facilitator.moderated', { count: result.updated.length });
      for (const id of ids) this.selected.delete(id);
    } catch (error) {
      this.message.textContent = t('facilitator.moderateFailed', { detail: describe(error) });
    }
    await this.reload();
  }

  private render(): void {
    this.emptyNote.hidden = this.entries.length > 0;
    const none = this.selected.size === 0;
    this.approveSelected.disabled = none;
    this.rejectSelected.disabled = none;
    this.selectAll.checked = this.entries.length > 0 && this.selected.size === this.entries.length;
    this.list.replaceChildren(
      ...this.entries.map((entry) => {
        const name = entry.properties.name;
        const box = h('input', { type: 'checkbox', 'aria-label': t('facilitator.select', { name }) });
        box.checked = this.selected.has(entry.id);
        box.addEventListener('change', () => {
          if (box.checked) this.selected.add(entry.id);
          else this.selected.delete(entry.id);
          this.render();
        });
        const approve = h(
          'button',
          { type: 'button', 'aria-label': `${t('facilitator.approve')} : ${name}` },
          t('facilitator.approve'),
        );
        const reject = h(
          'button',
          { type: 'button', 'aria-label': `${t('facilitator.reject')} : ${name}` },
          t('facilitator.reject'),
        );
        approve.addEventListener('click', () => void this.act([entry.id], 'approve'));
        reject.addEventListener('click', () => void this.act([entry.id], 'reject'));
        const author = entry.properties.createdBy?.displayName ?? t('facilitator.anonymous');
        return h(
          'li',
          { 'data-entry-id': entry.id },
          box,
          h('span', { class: 'fac-queue-name' }, name),
          h('span', { class: 'fac-queue-author' }, author),
          approve,
          reject,
        );
      }),
    );
  }
}

function describe(error: unknown): string {
  return error instanceof ApiError ? (error.detail ?? error.title) : String(error);
}
