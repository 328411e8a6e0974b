import type { ChangeEvent } from '../../../server/contract/live-event';
import { h } from '../../lib/dom';
import { formatDate, type MessageKey, t } from '../../lib/i18n';

/** The feed keeps this many contributions, newest first. */
const FEED_MAX = 30;

/**
 * The feed of recent contributions: one line per change of the workshop (who, what, when). The list is a
 * polite live region, so a screen reader hears each arrival without being interrupted.
 */
export class ContributionFeed {
  private seen = new Set<string>();

  constructor(
    private readonly list: HTMLOListElement,
    private readonly empty: HTMLElement,
  ) {
    list.setAttribute('aria-live', 'polite');
    list.setAttribute('aria-relevant', 'additions');
  }

  add(change: ChangeEvent): void {
    const { revision, entry } = change;
    if (this.seen.has(revision.id)) return;
    this.seen.add(revision.id);
    const actor = revision.actor?.displayName || t('facilitator.anonymous');
    const name = entry.properties.name;
    const text =
      revision.op === 'create'
        ? t('facilitator.feedItem', { name, actor })
        : revision.op === 'status'
          ? t('facilitator.feedItemStatus', { name, status: t(statusKey(entry.properties.status)) })
          : t('facilitator.feedItemUpdate', { name, actor });
    const time = h(
      'time',
      { datetime: revision.createdAt },
      formatDate(revision.createdAt, { timeStyle: 'short' }),
    );
    const item = h('li', { 'data-entry-id': entry.id, 'data-op': revision.op }, time, ' ', text);
    this.list.prepend(item);
    while (this.list.children.length > FEED_MAX) this.list.lastElementChild?.remove();
    this.empty.hidden = true;
  }
}

export function statusKey(status: string): MessageKey {
  switch (status) {
    case 'pending':
      return 'status.label.pending';
    case 'rejected':
      return 'status.label.rejected';
    case 'archived':
      return 'status.label.archived';
    default:
      return 'status.label.published';
  }
}
