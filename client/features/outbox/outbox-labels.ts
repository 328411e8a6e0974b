import { t } from '../../lib/i18n';
import type { FailureReason, OutboxItem } from './outbox-item';

/** The reason of a failure as a phrase for the person. */
export function reasonText(item: Pick<OutboxItem, 'reason' | 'status' | 'detail'>): string {
  const detail = item.detail ?? '';
  const reason: FailureReason = item.reason ?? 'server';
  switch (reason) {
    case 'network':
      return t('outbox.reason.network');
    case 'server':
      return t('outbox.reason.server', { status: item.status ?? 0 });
    case 'rate-limited':
      return t('outbox.reason.rateLimited');
    case 'unauthorized':
      return t('outbox.reason.unauthorized');
    case 'forbidden':
      return t('outbox.reason.forbidden', { detail });
    case 'id-conflict':
      return t('outbox.reason.idConflict');
    case 'not-found':
      return t('outbox.reason.notFound');
    case 'invalid':
      return t('outbox.reason.invalid', { detail });
  }
}

/** One line saying where the item stands. */
export function stateText(item: OutboxItem, online = globalThis.navigator?.onLine !== false): string {
  switch (item.state) {
    case 'waiting':
      if (!online || item.reason === 'network') return t('outbox.state.offline');
      return item.reason ? t('outbox.state.failed', { reason: reasonText(item) }) : t('outbox.state.waiting');
    case 'sending':
      return t('outbox.state.sending');
    case 'sent':
      return item.result?.properties.status === 'pending'
        ? t('outbox.state.pending')
        : t('outbox.state.sent');
    case 'failed':
      return t('outbox.state.failed', { reason: reasonText(item) });
    case 'conflict':
      return t('outbox.state.conflict');
  }
}
