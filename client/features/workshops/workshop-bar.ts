import type { PresenceEvent } from '../../../server/contract/live-event';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { type Session, setSession } from '../../lib/session';
import './workshops.css';

export interface WorkshopBar {
  setPresence(presence: PresenceEvent): void;
  remove(): void;
}

/** A thin bar telling a participant which workshop they write in, who is online, and how to leave it. */
export function mountWorkshopBar(
  session: Session,
  title: string,
  parent: HTMLElement = document.body,
): WorkshopBar {
  const presence = h('span', { class: 'workshop-bar-presence' });
  const leave = h('button', { type: 'button' }, t('join.leave'));
  const bar = h(
    'section',
    { class: 'workshop-bar', 'aria-label': title },
    h('span', {}, t('join.joined', { title, name: session.displayName })),
    presence,
    leave,
  );
  leave.addEventListener('click', () => {
    setSession(null);
    bar.remove();
  });
  parent.append(bar);
  return {
    setPresence(event) {
      presence.textContent = t('join.present', { count: event.count });
    },
    remove: () => bar.remove(),
  };
}
