import type { MissingRelation } from '../../../server/contract/import';
import { h } from '../../lib/dom';
import { formatNumber, isMessageKey, t } from '../../lib/i18n';
import { table } from './mapping-editor';

/** Rows of the list shown; the API keeps up to 1,000 and says how many in its warnings. */
const LIST_MAX = 100;

// The API names link types as the database does; the app's labels are in camel case.
const TYPE_KEYS: Record<string, string> = {
  member_of: 'relations.memberOf',
  uses: 'relations.uses',
  maintains: 'relations.maintains',
  contributes_to: 'relations.contributesTo',
  partner_of: 'relations.partnerOf',
};

/**
 * The links of the file whose target exists neither in the file nor in the atlas: the rows are imported,
 * these links are not. Null when there is none, so the report stays short.
 */
export function renderMissingRelations(missing: MissingRelation[] | undefined): HTMLElement | null {
  if (!missing || missing.length === 0) return null;
  const parts: HTMLElement[] = [
    h('h5', {}, t('import.report.missingRelations', { count: missing.length })),
    h('p', { class: 'import-hint' }, t('import.report.missingRelationsHint')),
    table(
      t('import.report.missingRelationsCaption'),
      [t('import.report.row'), t('import.report.linkType'), t('import.report.target')],
      missing.slice(0, LIST_MAX).map(missingRow),
    ),
  ];
  if (missing.length > LIST_MAX)
    parts.push(h('p', { class: 'import-hint' }, t('import.report.firstOnly', { count: LIST_MAX })));
  return h('div', { class: 'import-missing-relations' }, ...parts);
}

function missingRow(m: MissingRelation): HTMLElement {
  const key = TYPE_KEYS[m.type];
  // A name the file gave is what a reader recognises; the id (or the text that stood for it) tells which.
  const target = m.targetName
    ? h('span', {}, m.targetName, ' ', h('code', {}, m.target))
    : h('code', {}, m.target);
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, formatNumber(m.row)),
    h('td', {}, key && isMessageKey(key) ? t(key) : m.type),
    h('td', {}, target),
  );
}
