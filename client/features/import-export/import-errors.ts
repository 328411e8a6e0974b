import { IMPORT_MAX_BYTES } from '../../../server/contract/import';
import { ApiError, CLIENT_PROBLEMS } from '../../lib/api-error';
import { type MessageKey, t } from '../../lib/i18n';
import { ImportRequestError } from './import-api';

/** A failure told in the dialog: one sentence in the interface's language, and the server's own words. */
export interface ImportErrorMessage {
  message: string;
  /** The API's `detail` (in English), shown under the message: it often names the line or field at fault. */
  detail: string | null;
}

const UNREADABLE: Record<string, MessageKey> = {
  empty: 'import.error.empty',
  binary: 'import.error.binary',
  'too-many-columns': 'import.error.tooManyColumns',
  'invalid-xml': 'import.error.invalidXml',
  'not-kml-gpx': 'import.error.notKmlGpx',
  'no-placemarks': 'import.error.noPlacemarks',
  'xml-entities': 'import.error.xmlEntities',
  'too-many-rows': 'import.error.tooManyRows',
  'spreadsheet-too-large': 'import.error.spreadsheetTooLarge',
  encrypted: 'import.error.encrypted',
  'not-spreadsheet': 'import.error.notSpreadsheet',
  'invalid-archive': 'import.error.invalidArchive',
  'invalid-spreadsheet': 'import.error.invalidSpreadsheet',
};

export const IMPORT_MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;

/** Says why a request of the import dialog failed. */
export function describeImportError(error: unknown): ImportErrorMessage {
  if (!(error instanceof ApiError)) return { message: t('import.error.unexpected'), detail: null };
  const detail = error.detail ?? null;
  if (error.type === CLIENT_PROBLEMS.network) return { message: t('import.error.network'), detail: null };
  if (error.type === CLIENT_PROBLEMS.unexpectedAnswer)
    return { message: t('import.error.unexpected'), detail: null };
  const code = error instanceof ImportRequestError ? error.code : null;
  if (error.type === '/problems/unreadable-file') {
    const key = (code ? UNREADABLE[code] : undefined) ?? 'import.error.unreadable';
    return { message: t(key), detail };
  }
  if (error.type === '/problems/source-unavailable')
    return { message: t('import.error.sourceUnavailable'), detail };
  switch (error.status) {
    case 400:
      return { message: t('import.error.invalid'), detail };
    case 401:
      return { message: t('import.error.unauthorized'), detail: null };
    case 403:
      return { message: t('import.error.forbidden'), detail };
    case 409:
      return { message: t('import.error.conflict'), detail };
    case 413:
      return { message: t('import.error.tooLarge', { max: IMPORT_MAX_MB }), detail: null };
    case 429: {
      const seconds = error instanceof ImportRequestError ? error.retryAfter : null;
      return {
        message: seconds ? t('import.error.rateLimitedFor', { seconds }) : t('import.error.rateLimited'),
        detail: null,
      };
    }
    default:
      return error.status >= 500
        ? { message: t('import.error.server', { status: error.status }), detail: null }
        : { message: t('import.error.refused', { status: error.status }), detail };
  }
}
