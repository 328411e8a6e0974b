import { ApiError, CLIENT_PROBLEMS } from '../../lib/api';
import { t } from '../../lib/i18n';

/** A failure to load the places, as one sentence for the status line. */
export function describeLoadError(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  if (error.type === CLIENT_PROBLEMS.network) return t('error.network');
  if (error.type === CLIENT_PROBLEMS.unexpectedAnswer) return t('error.unexpected');
  // No such route (the API is not deployed yet) or a gateway with nothing behind it.
  if ([404, 502, 503, 504].includes(error.status)) return t('error.apiUnavailable', { status: error.status });
  return t('error.api', { detail: error.detail ?? error.title });
}
