import type { EntryFeature } from '../../../server/contract/entry';
import type { Workshop } from '../../../server/contract/workshop';
import { getThemes } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import { byId, h } from '../../lib/dom';
import { detectLang, formatNumber, setLang, t, translateDom } from '../../lib/i18n';
import { authHeaders, getToken } from '../../lib/session';
import type { AtlasMap } from '../../map/atlas-map';
import { createMap } from '../../map/create-map';
import { fetchEntries } from '../embed/embed-data';
import { toMapEntries, toMapEntry } from '../entries/map-entries';
import { batchChanges } from '../live/batch-changes';
import { LiveEntries } from '../live/live-entries';
import { connectLive } from '../live/live-feed';
import { mainThemeColors } from '../themes/theme-colors';
import { exportUrl, getWorkshop, qrCodeUrl, setWorkshopOpen } from '../workshops/workshop-api';
import { ContributionFeed } from './contribution-feed';
import { describe, renderTokenForm, renderWorkshopChooser } from './facilitator-setup';
import { ModerationQueue } from './moderation-queue';

/**
 * The facilitator's screen, for a projector (`facilitator.html?workshop=CODE`): the workshop's map, big
 * counters, the feed of recent contributions, the QR code and join address, who is online, and the
 * moderation queue. Everything moves with the live feed of the workshop.
 */
export async function startFacilitatorPage(): Promise<void> {
  setLang(detectLang());
  translateDom(document);
  document.title = t('facilitator.title');
  const setup = byId('setup', HTMLElement);
  const board = byId('board', HTMLElement);
  const code = new URLSearchParams(window.location.search).get('workshop')?.trim().toUpperCase() ?? '';
  if (!/^[0-9A-Z-]{4,12}$/.test(code)) {
    setup.hidden = false;
    await renderWorkshopChooser(setup);
    return;
  }

  let workshop: Workshop;
  try {
    workshop = await getWorkshop(code);
  } catch (error) {
    setup.hidden = false;
    setup.append(h('p', { role: 'alert' }, describe(error)));
    return;
  }
  if (!workshop.manage) {
    setup.hidden = false;
    renderTokenForm(setup, getToken() ? t('facilitator.notManager') : null);
    return;
  }
  board.hidden = false;
  document.title = t('facilitator.pageTitle', { title: workshop.title });
  byId('fac-title', HTMLHeadingElement).textContent = workshop.title;
  const qr = byId('qr', HTMLImageElement);
  qr.src = qrCodeUrl(workshop.code);
  qr.alt = t('facilitator.qrAlt', { code: workshop.code });
  const joinUrl = byId('join-url', HTMLAnchorElement);
  joinUrl.href = workshop.manage.joinUrl;
  joinUrl.textContent = workshop.manage.joinUrl.replace(/^https?:\/\//, '');
  byId('join-code', HTMLParagraphElement).textContent = t('facilitator.code', { code: workshop.code });

  const counters = countersView();
  counters.show(workshop);
  const feed = new ContributionFeed(byId('feed', HTMLOListElement), byId('feed-empty', HTMLParagraphElement));
  const queueSection = byId('queue-section', HTMLElement);
  const queue = new ModerationQueue(byId('queue', HTMLDivElement), workshop.code);
  queueSection.hidden = workshop.policy !== 'review';
  if (workshop.policy === 'review') void queue.reload();
  setUpActions(workshop, counters);

  // The live feed first: the feed, the counters and the queue move from now on; the map's changes wait
  // until its entries are loaded.
  const early: EntryFeature[] = [];
  let toMap: (entries: EntryFeature[]) => void = (entries) => early.push(...entries);
  const onEntry = batchChanges((entries) => toMap(entries));
  const refresh = debounce(async () => {
    try {
      counters.show(await getWorkshop(workshop.code));
    } catch (error) {
      console.warn(error);
    }
    if (workshop.policy === 'review') await queue.reload();
  }, 600);
  const root = document.documentElement;
  connectLive({
    workshop: workshop.code,
    token: getToken(),
    resume: false,
    onChange: (change) => {
      feed.add(change);
      onEntry(change);
      refresh();
    },
    onPresence: (presence) => {
      counters.online(presence.count);
      byId('presence', HTMLParagraphElement).textContent = t('facilitator.presence', {
        names: presence.participants.map((participant) => participant.displayName).join(', '),
      });
    },
    onStatus: (status) => {
      workshop = { ...workshop, status: status.status };
      counters.status(status.status);
    },
    // `data-live` on the root element says where the feed stands, for scripts and tests.
    onState: (state) => {
      root.dataset.live = state;
    },
    onReady: () => {
      root.dataset.live = 'ready';
    },
  });

  // The map of the workshop's entries (pending ones included: the facilitator sees them).
  let map: AtlasMap | null = null;
  try {
    map = createMap({ container: byId('map', HTMLDivElement) });
  } catch (error) {
    console.warn(error);
  }
  const [collection, tree] = await Promise.all([
    fetchEntries({ workshop: workshop.code, status: ['published', 'pending'] }, getToken()).catch(
      (error: unknown) => {
        console.warn(error);
        return { type: 'FeatureCollection' as const, features: [] as EntryFeature[], next: null };
      },
    ),
    getThemes().catch(() => ({ themes: [] })),
  ]);
  const colors = mainThemeColors(tree);
  const places = new Map(collection.features.map((entry) => [entry.id, entry]));
  if (map) {
    await map.setEntries(toMapEntries(collection.features, colors).entries).catch(console.warn);
    if (workshop.area) void map.ready.then(() => map?.fitBounds(bboxOf(workshop.area!), 14));
  }
  const live = new LiveEntries({ map, places, toMapEntry: (entry) => toMapEntry(entry, colors) });
  toMap = (entries) => void live.apply(entries);
  toMap(early.splice(0));
}

function countersView() {
  const published = byId('count-published', HTMLElement);
  const publishedLabel = byId('label-published', HTMLElement);
  const pending = byId('count-pending', HTMLElement);
  const pendingLabel = byId('label-pending', HTMLElement);
  const online = byId('count-online', HTMLElement);
  const onlineLabel = byId('label-online', HTMLElement);
  const state = byId('workshop-state', HTMLElement);
  return {
    show(workshop: Workshop) {
      published.textContent = formatNumber(workshop.counts.published);
      publishedLabel.textContent = t('facilitator.published', { count: workshop.counts.published });
      const waiting = workshop.manage?.counts.pending ?? 0;
      pending.textContent = formatNumber(waiting);
      pendingLabel.textContent = t('facilitator.pendingCount', { count: waiting });
      this.online(workshop.counts.online);
      this.status(workshop.status);
    },
    online(count: number) {
      online.textContent = formatNumber(count);
      onlineLabel.textContent = t('facilitator.onlineCount', { count });
    },
    status(status: Workshop['status']) {
      state.textContent = status === 'closed' ? t('facilitator.closed') : '';
      state.hidden = status !== 'closed';
      const toggle = document.getElementById('toggle-open');
      if (toggle) toggle.textContent = status === 'closed' ? t('facilitator.reopen') : t('facilitator.close');
    },
  };
}

function setUpActions(workshop: Workshop, counters: ReturnType<typeof countersView>): void {
  const actions = byId('actions', HTMLElement);
  const message = h('p', { role: 'status' });
  const toggle = h(
    'button',
    { type: 'button', id: 'toggle-open' },
    workshop.status === 'closed' ? t('facilitator.reopen') : t('facilitator.close'),
  );
  let status = workshop.status;
  toggle.addEventListener('click', async () => {
    try {
      const updated = await setWorkshopOpen(workshop.code, status === 'closed');
      status = updated.status;
      counters.status(status);
    } catch (error) {
      message.textContent = describe(error);
    }
  });
  const download = (format: 'geojson' | 'csv', label: string) => {
    const button = h('button', { type: 'button' }, label);
    button.addEventListener('click', async () => {
      // The export needs the bearer token, which a plain link cannot send: fetch it, then save the file.
      try {
        const response = await fetch(exportUrl(workshop.code, format), { headers: authHeaders() });
        if (!response.ok)
          throw new ApiError({ type: 'about:blank', title: response.statusText, status: response.status });
        const url = URL.createObjectURL(await response.blob());
        const link = h('a', { href: url, download: `atelier-${workshop.code}.${format}` });
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      } catch (error) {
        message.textContent = describe(error);
      }
    });
    return button;
  };
  actions.append(
    toggle,
    download('geojson', t('facilitator.exportGeojson')),
    download('csv', t('facilitator.exportCsv')),
    message,
  );
}

function bboxOf(area: { coordinates: number[][][][] }): [number, number, number, number] {
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const polygon of area.coordinates)
    for (const ring of polygon)
      for (const [lng = 0, lat = 0] of ring) {
        w = Math.min(w, lng);
        s = Math.min(s, lat);
        e = Math.max(e, lng);
        n = Math.max(n, lat);
      }
  return [w, s, e, n];
}

function debounce(fn: () => void | Promise<void>, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => void fn(), ms);
  };
}
