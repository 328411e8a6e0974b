import type { EntryFeature } from '../../../server/contract/entry';
import type { Revision } from '../../../server/contract/revision';
import { getRevisions, revertEntry } from '../../lib/api-entries';
import { ApiError } from '../../lib/api-error';
import { h } from '../../lib/dom';
import { formatDate, t } from '../../lib/i18n';
import { describeChanges, opLabel } from './describe-revision';

export interface HistoryOptions {
  entry: EntryFeature;
  /** The entry's ETag: a revert is a conditional write. */
  etag: string;
  /** Moderators may bring back an earlier version. */
  canRevert: boolean;
  onReverted(entry: EntryFeature, etag: string): void;
}

/**
 * The history of an entry: who changed what, and when, newest first. It is fetched when opened (most
 * readers never open it). A moderator can bring the entry back to any earlier revision.
 */
export function historySection(options: HistoryOptions): HTMLElement {
  const list = h('ol', { class: 'history', id: 'history-list' });
  const status = h('p', { class: 'note', role: 'status' });
  const toggle = h(
    'button',
    {
      type: 'button',
      id: 'history-toggle',
      class: 'button-secondary',
      'aria-expanded': 'false',
      'aria-controls': 'history-list',
    },
    t('history.show'),
  );
  list.hidden = true;
  let loaded = false;
  let next: string | null = null;
  const more = h('button', { type: 'button', class: 'button-secondary' }, t('history.more'));
  more.hidden = true;

  const load = async () => {
    status.textContent = t('history.loading');
    try {
      const page = await getRevisions(options.entry.id, next ? { before: next } : {});
      next = page.next;
      for (const revision of page.revisions) list.append(revisionItem(revision, options, status));
      status.textContent = list.children.length === 0 ? t('history.empty') : '';
      more.hidden = next === null;
    } catch (error) {
      status.textContent = t('history.failed', { detail: errorDetail(error) });
    }
  };
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? t('history.hide') : t('history.show');
    list.hidden = !open;
    if (open && !loaded) {
      loaded = true;
      void load();
    }
  });
  more.addEventListener('click', () => void load());
  return h(
    'section',
    { class: 'panel-section' },
    h('h3', {}, t('history.title')),
    toggle,
    status,
    list,
    more,
  );
}

function revisionItem(revision: Revision, options: HistoryOptions, status: HTMLElement): HTMLLIElement {
  const who = revision.actor?.displayName || t('history.anonymous');
  const when = h(
    'time',
    { datetime: revision.createdAt },
    formatDate(revision.createdAt, { dateStyle: 'medium', timeStyle: 'short' }),
  );
  const changes = describeChanges(revision);
  const item = h(
    'li',
    {},
    h('p', {}, h('strong', {}, opLabel(revision.op)), ` — ${t('history.by', { name: who })} — `, when),
    changes.length > 0 ? h('ul', { class: 'changes' }, ...changes.map((line) => h('li', {}, line))) : null,
  );
  if (options.canRevert && revision.version < options.entry.properties.version) {
    const revert = h(
      'button',
      { type: 'button', class: 'button-secondary' },
      t('history.revert', { version: revision.version }),
    );
    revert.addEventListener('click', async () => {
      revert.disabled = true;
      status.textContent = t('history.reverting');
      try {
        const result = await revertEntry(options.entry.id, revision.id, options.etag);
        status.textContent = t('history.reverted', { version: revision.version });
        options.onReverted(result.entry, result.etag);
      } catch (error) {
        revert.disabled = false;
        status.textContent = t('history.revertFailed', { detail: errorDetail(error) });
      }
    });
    item.append(revert);
  }
  return item;
}

export function errorDetail(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return t('error.offline');
    if (error.status === 412) return t('error.stale');
    if (error.status === 401) return t('error.unauthorized');
    if (error.status === 403) return t('error.forbidden');
    return error.detail ?? error.title;
  }
  return t('error.unknown');
}
