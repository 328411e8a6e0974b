import type { EntryFeature, EntryInput } from '../../../server/contract/entry';
import type { AppContext } from '../../app-context';
import { getSession, onSessionChange, type Session } from '../../lib/session';
import { Outbox } from '../outbox/outbox';
import type { OutboxItem } from '../outbox/outbox-item';
import { mountOutboxPanel } from '../outbox/outbox-panel';
import { openOutboxStore } from '../outbox/outbox-store';
import { outboxWriter } from '../outbox/outbox-writer';
import { forgetJoinCode, joinCodeFromUrl, runJoinDialog } from '../workshops/join-dialog';
import { getWorkshop } from '../workshops/workshop-api';
import { mountWorkshopBar, type WorkshopBar } from '../workshops/workshop-bar';
import { batchChanges } from './batch-changes';
import { changeAction } from './change-action';
import { connectLive, type LiveFeed } from './live-feed';

/** The live side of the app, as `startLive` leaves it running. */
export interface LiveApp {
  outbox: Outbox;
  /** Creates an entry the way the editor does (drawn at once, sent through the outbox); resolves with its id. */
  createEntry(input: EntryInput): Promise<string>;
  /** The entry as the app holds it now, if it does. */
  entry(id: string): EntryFeature | undefined;
  /** The current live connection (it changes when the person joins or leaves a workshop). */
  feed(): LiveFeed | null;
}

declare global {
  interface Window {
    /** The running live features: the browser tests reach the outbox through it. */
    atlasLive?: LiveApp;
  }
}

/**
 * Starts the live side of the app page: the outbox (resumed from IndexedDB) becomes the app's entry writer,
 * with its panel; `?join=CODE` opens the join dialog; the live feed (with the participant's token, if any)
 * applies each change to the app's entries, which update the map through `updateData` and the list.
 */
export async function startLive(context: AppContext): Promise<LiveApp> {
  const apply = (features: readonly EntryFeature[]) => applyToApp(context, features);

  let render: (items: readonly OutboxItem[]) => void = () => {};
  const outbox = new Outbox(await openOutboxStore(), {
    changed: (items) => render(items),
    entry: (entry) => apply([entry]),
  });
  render = mountOutboxPanel(outbox);
  context.setEntryWriter(outboxWriter(outbox, context.entries));
  await outbox.start();

  let feed: LiveFeed | null = null;
  let bar: WorkshopBar | null = null;
  let generation = 0;
  const connect = async (session: Session | null) => {
    const mine = ++generation;
    feed?.close();
    feed = null;
    bar?.remove();
    bar = null;
    if (session?.workshop) {
      const code = session.workshop;
      const title = await getWorkshop(code).then(
        (workshop) => workshop.title,
        () => code,
      );
      if (mine !== generation) return;
      bar = mountWorkshopBar(session, title);
    }
    feed = connectLive({
      token: session?.token ?? null,
      onChange: batchChanges(apply),
      onPresence: (presence) => bar?.setPresence(presence),
      // `data-live` on the root element says where the feed stands, for scripts and tests.
      onState: (state) => {
        document.documentElement.dataset.live = state;
      },
      onReady: () => {
        document.documentElement.dataset.live = 'ready';
      },
    });
  };
  onSessionChange((session) => void connect(session));
  await connect(getSession());

  const code = joinCodeFromUrl();
  if (code) {
    // Joining changes the session, which reconnects the feed with the new token.
    await runJoinDialog(code);
    forgetJoinCode();
  }

  const app: LiveApp = {
    outbox,
    feed: () => feed,
    async createEntry(input) {
      const id = input.id ?? crypto.randomUUID();
      await context.entryWriter.create({ ...input, id });
      return id;
    },
    entry: (id) => context.entries.get(id),
  };
  window.atlasLive = app;
  return app;
}

/** Entries from the feed or the outbox into the app's store: removed when deleted, rejected or archived. */
function applyToApp(context: AppContext, features: readonly EntryFeature[]): void {
  const upsert: EntryFeature[] = [];
  const remove: string[] = [];
  for (const feature of features) {
    const held = context.entries.get(feature.id);
    const action = changeAction(feature, held ? { version: held.properties.version } : undefined, true);
    if (action.type === 'upsert') upsert.push(action.feature);
    else if (action.type === 'remove') remove.push(action.id);
  }
  if (upsert.length > 0) context.entries.upsert(upsert);
  if (remove.length > 0) context.entries.remove(remove);
}
