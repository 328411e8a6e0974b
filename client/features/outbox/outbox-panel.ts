import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { showConflictDialog } from './conflict-dialog';
import type { Outbox } from './outbox';
import type { OutboxItem } from './outbox-item';
import { reasonText, stateText } from './outbox-labels';
import './outbox.css';

/**
 * A small panel listing the person's contributions and where each stands (waiting, sending, sent, failed and
 * why, conflict), with retry, discard and compare. State changes worth hearing (sent, failed, conflict) are
 * announced once through a polite live region; the list itself is not a live region, to stay quiet.
 */
export function mountOutboxPanel(
  outbox: Outbox,
  parent: HTMLElement = document.body,
): (items: readonly OutboxItem[]) => void {
  const count = h('span', { class: 'outbox-count' });
  const toggle = h('button', { type: 'button', class: 'outbox-toggle', 'aria-expanded': 'true' });
  const heading = h('h2', { id: 'outbox-title', class: 'outbox-title' }, toggle);
  toggle.append(t('outbox.title'), ' ', count);
  toggle.setAttribute('aria-controls', 'outbox-list');
  const list = h('ul', { id: 'outbox-list', class: 'outbox-list' });
  const announcer = h('p', { class: 'visually-hidden', role: 'status' });
  const storageNote = outbox.persistent ? null : h('p', { class: 'outbox-note' }, t('outbox.reason.storage'));
  const panel = h(
    'section',
    { class: 'outbox', 'aria-labelledby': 'outbox-title', hidden: '' },
    heading,
    storageNote,
    list,
    announcer,
  );
  panel.dataset.testid = 'outbox';
  parent.append(panel);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    list.hidden = !open;
  });

  const lastStates = new Map<string, OutboxItem['state']>();
  const announce = (item: OutboxItem) => {
    const before = lastStates.get(item.key);
    lastStates.set(item.key, item.state);
    if (before === undefined || before === item.state) return;
    if (item.state === 'sent') announcer.textContent = t('outbox.announce.sent', { name: item.label });
    else if (item.state === 'failed')
      announcer.textContent = t('outbox.announce.failed', { name: item.label, reason: reasonText(item) });
    else if (item.state === 'conflict')
      announcer.textContent = t('outbox.announce.conflict', { name: item.label });
  };

  const render = (items: readonly OutboxItem[]) => {
    for (const item of items) announce(item);
    panel.hidden = items.length === 0;
    const open = items.filter((item) => item.state !== 'sent').length;
    count.textContent = `(${t('outbox.count', { count: open })})`;
    list.replaceChildren(...[...items].reverse().map((item) => row(outbox, item)));
  };
  globalThis.addEventListener?.('online', () => render(outbox.list()));
  globalThis.addEventListener?.('offline', () => render(outbox.list()));
  return render;
}

function row(outbox: Outbox, item: OutboxItem): HTMLLIElement {
  const kind = item.op === 'create' ? t('outbox.kind.create') : t('outbox.kind.update');
  const li = h(
    'li',
    { class: 'outbox-item', 'data-state': item.state, 'data-entry-id': item.entryId },
    h('span', { class: 'outbox-name' }, `${kind} · ${item.label}`),
    h('span', { class: 'outbox-state' }, stateText(item)),
  );
  const actions: HTMLButtonElement[] = [];
  const button = (label: string, name: string, onClick: () => void) => {
    const element = h('button', { type: 'button', 'aria-label': `${label} : ${item.label}` }, label);
    element.dataset.action = name;
    element.addEventListener('click', onClick);
    actions.push(element);
  };
  if (item.state === 'failed' || (item.state === 'waiting' && item.reason))
    button(t('outbox.retry'), 'retry', () => outbox.retryNow(item.key));
  if (item.state === 'conflict' && item.op === 'update' && item.theirs) {
    const theirs = item.theirs;
    button(t('outbox.resolve'), 'resolve', async () => {
      const choice = await showConflictDialog({ ...item, theirs });
      if (choice === 'mine') await outbox.keepMine(item.key);
      else if (choice === 'theirs') await outbox.keepTheirs(item.key);
    });
  }
  if (item.state === 'failed' || item.state === 'conflict')
    button(t('outbox.discard'), 'discard', () => void outbox.discard(item.key));
  if (actions.length > 0) li.append(h('span', { class: 'outbox-actions' }, ...actions));
  return li;
}
