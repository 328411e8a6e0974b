import { type Static, Type } from 'typebox';
import { EntryFeature } from './entry';
import { Revision } from './revision';
import { WorkshopStatus } from './workshop';

/**
 * `change`: one committed revision. The SSE `id:` is the revision id; send it back as `Last-Event-ID`
 * (EventSource does so by itself) or `?since=` to replay what was missed. `entry` is the entry as it was
 * right after this revision, as the API's GeoJSON Feature.
 */
export const ChangeEvent = Type.Object({ revision: Revision, entry: EntryFeature });
export type ChangeEvent = Static<typeof ChangeEvent>;

/** `presence`: the participants of a workshop connected to the live feed now. */
export const PresenceEvent = Type.Object({
  workshop: Type.String(),
  count: Type.Integer(),
  participants: Type.Array(
    Type.Object({ id: Type.String(), displayName: Type.String(), role: Type.String() }),
  ),
});
export type PresenceEvent = Static<typeof PresenceEvent>;

/** `status`: a workshop was opened or closed (also sent once when a workshop stream starts). */
export const StatusEvent = Type.Object({
  workshop: Type.String(),
  status: WorkshopStatus,
  title: Type.String(),
});
export type StatusEvent = Static<typeof StatusEvent>;

/** `ready`: the replay is over and the stream is live; `cursor` is the last revision id considered. */
export const ReadyEvent = Type.Object({ cursor: Type.String(), replayed: Type.Integer() });
export type ReadyEvent = Static<typeof ReadyEvent>;

/** The names of the SSE events of GET /api/live. */
export type LiveEventName = 'change' | 'presence' | 'status' | 'ready';

/** GET /api/live query string. */
export const LiveQuery = Type.Object(
  {
    /** Only this workshop's changes, and its presence and status events. */
    workshop: Type.Optional(Type.String({ maxLength: 12 })),
    /** Replay the revisions after this id (`Last-Event-ID` wins when both are sent). */
    since: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
    /** A bearer token, for EventSource which cannot send headers. */
    token: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type LiveQuery = Static<typeof LiveQuery>;
