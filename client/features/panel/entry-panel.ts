import type { EntryFeature, EntryRef } from '../../../server/contract/entry';
import { h, isHttpUrl } from '../../lib/dom';
import { formatDate, getLang, t } from '../../lib/i18n';
import type { ThemeIndex } from '../themes/theme-index';

/** What the panel can do beyond showing: open another entry, edit, filter on a network, show on the map. */
export interface EntryPanelActions {
  /** The address of a link that opens another entry (keeps the rest of the view). */
  entryHref(id: string): string;
  select(id: string): void;
  edit?: () => void;
  showOnMap?: () => void;
  filterOnNetwork?: () => void;
}

/** Entries that point at this one, fetched apart: a network's members, a resource's users and maintainers. */
export interface IncomingRelations {
  members: EntryRef[];
  users: EntryRef[];
  maintainers: EntryRef[];
  contributors: EntryRef[];
  /** True when the lists could not be fetched (the counts still show). */
  unavailable: boolean;
}

/** The content of the panel for one entry: heading first, then what it is, what it says, where, with whom. */
export function renderEntry(
  entry: EntryFeature,
  themes: ThemeIndex,
  actions: EntryPanelActions,
  incoming: IncomingRelations | null,
): { heading: HTMLElement; content: Node[] } {
  const p = entry.properties;
  const lang = getLang();
  const heading = h('h2', { id: 'panel-title', class: 'panel-title' }, p.name);
  const badges = h(
    'p',
    { class: 'badges' },
    h('span', { class: `badge badge-${p.kind}` }, t(`kind.${p.kind}`)),
  );
  if (p.status !== 'published')
    badges.append(' ', h('span', { class: 'badge badge-status' }, t(`entryStatus.${p.status}`)));

  const themeList =
    p.themes.length > 0
      ? h(
          'ul',
          { class: 'chips', 'aria-label': t('panel.themes') },
          ...p.themes.map((slug) => {
            const theme = themes.get(slug);
            const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
            if (theme) swatch.style.backgroundColor = theme.color;
            return h('li', { class: 'chip' }, swatch, themes.label(slug, lang));
          }),
        )
      : null;

  const description = h('div', { class: 'description' });
  // The API renders the Markdown and sanitizes the HTML on the server (sanitize-html, a fixed allow-list),
  // which is the only reason this may be inserted as HTML; every other value here is set as text.
  description.innerHTML = p.descriptionHtml;
  for (const link of description.querySelectorAll('a')) link.rel = 'noopener noreferrer nofollow';

  const links = [
    ...(isHttpUrl(p.url) ? [{ url: p.url, label: t('panel.website') }] : []),
    ...p.links
      .filter((link) => isHttpUrl(link.url))
      .map((link) => ({ url: link.url, label: link.label || link.url })),
  ];
  const address = [
    p.address.street,
    [p.address.postcode, p.address.city].filter(Boolean).join(' '),
    p.address.country,
  ]
    .filter((part) => part?.trim())
    .join(', ');

  const sections: (Node | null)[] = [
    badges,
    heading,
    themeList,
    p.summary ? h('p', { class: 'summary' }, p.summary) : null,
    p.descriptionHtml.trim() ? description : null,
    links.length > 0
      ? section(
          t('panel.links'),
          h(
            'ul',
            { class: 'links' },
            ...links.map((link) =>
              h(
                'li',
                {},
                h('a', { href: link.url, rel: 'noopener noreferrer', target: '_blank' }, link.label),
              ),
            ),
          ),
        )
      : null,
    address ? section(t('panel.address'), h('p', {}, address)) : null,
    !entry.geometry && p.kind === 'place' ? h('p', { class: 'note' }, t('panel.noLocation')) : null,
    relationsSection(entry, actions, incoming),
    h(
      'p',
      { class: 'meta' },
      t('panel.updated', { date: formatDate(p.updatedAt, { dateStyle: 'long' }) }),
      p.createdBy ? ` ${t('panel.createdBy', { name: p.createdBy.displayName })}` : '',
    ),
    actionsRow(entry, actions),
  ];
  return { heading, content: sections.filter((node): node is Node => node !== null) };
}

function section(title: string, ...content: Node[]): HTMLElement {
  return h('section', { class: 'panel-section' }, h('h3', {}, title), ...content);
}

function refList(refs: readonly EntryRef[], actions: EntryPanelActions): HTMLUListElement {
  return h(
    'ul',
    { class: 'relations' },
    ...refs.map((ref) => {
      const link = h('a', { href: actions.entryHref(ref.id) }, ref.name);
      link.addEventListener('click', (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        actions.select(ref.id);
      });
      return h('li', {}, link, h('span', { class: 'relation-kind' }, ` (${t(`kind.${ref.kind}`)})`));
    }),
  );
}

/** Each relation a link that opens the other entry. */
function relationsSection(
  entry: EntryFeature,
  actions: EntryPanelActions,
  incoming: IncomingRelations | null,
): HTMLElement | null {
  const r = entry.properties.relations;
  const groups: [string, readonly EntryRef[]][] = [];
  if (r) {
    groups.push(
      [t('relations.memberOf'), r.memberOf],
      [t('relations.uses'), r.uses],
      [t('relations.maintains'), r.maintains],
      [t('relations.contributesTo'), r.contributesTo],
      [t('relations.partnerOf'), r.partnerOf],
    );
  }
  if (incoming) {
    groups.push(
      [t('relations.members'), incoming.members],
      [t('relations.usedBy'), incoming.users],
      [t('relations.maintainedBy'), incoming.maintainers],
      [t('relations.contributors'), incoming.contributors],
    );
  }
  const parts: Node[] = [];
  for (const [title, refs] of groups) {
    if (refs.length === 0) continue;
    parts.push(h('h4', {}, `${title} (${refs.length})`), refList(refs, actions));
  }
  const counts = r?.incoming ?? {};
  const pointing = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if ((!incoming || incoming.unavailable) && pointing > 0) {
    parts.push(h('p', { class: 'note' }, t('relations.incomingCount', { count: pointing })));
  }
  if (parts.length === 0) return null;
  return section(t('panel.relations'), ...parts);
}

function actionsRow(entry: EntryFeature, actions: EntryPanelActions): HTMLElement {
  const row = h('div', { class: 'panel-actions' });
  if (actions.edit) {
    const edit = h('button', { type: 'button', class: 'button-primary' }, t('panel.edit'));
    edit.addEventListener('click', actions.edit);
    row.append(edit);
  }
  if (actions.showOnMap && (entry.geometry || entry.properties.area)) {
    const show = h('button', { type: 'button', class: 'button-secondary' }, t('panel.showOnMap'));
    show.addEventListener('click', actions.showOnMap);
    row.append(show);
  }
  if (actions.filterOnNetwork && entry.properties.kind === 'network') {
    const filter = h('button', { type: 'button', class: 'button-secondary' }, t('panel.filterNetwork'));
    filter.addEventListener('click', actions.filterOnNetwork);
    row.append(filter);
  }
  return row;
}
