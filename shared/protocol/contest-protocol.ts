import { z } from 'zod';
import type { ContestCommandInput } from '../contest/commands.js';
import type { ContestView, MemberView, PublicView } from '../contest/views.js';
import { contestPinSchema } from './public.js';
import { regionCodeSchema } from '../region/region.js';
import { publicName } from './text.js';

/**
 * The realtime contract of a live contest (Socket.IO). Every client event answers through its
 * acknowledgement `{ ok: true, data } | { ok: false, error: { code, message } }`; the actor of a
 * command comes from the connection (what `contest:join` established), never from the payload.
 */

export const CONTEST_ROLES = ['host', 'screen', 'team', 'audience', 'judge'] as const;
export type ContestRole = (typeof CONTEST_ROLES)[number];

/** Device tokens: team and judge links carry one; audience members get one at their first join. */
export const contestTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const contestJoinSchema = z.object({
  pin: contestPinSchema,
  role: z.enum(CONTEST_ROLES),
  /** Team / judge: the token of their link. Audience: the token from an earlier join, to resume. */
  token: contestTokenSchema.optional(),
  /** Audience, first join only. */
  nickname: publicName(1, 20).optional(),
  /**
   * Audience, first join: a random key the phone keeps until it has its token. If the reply to the first
   * join is lost and the phone asks again with the same key, it gets the same member, not a second one.
   */
  joinKey: contestTokenSchema.optional(),
  county: regionCodeSchema.optional(),
});
export type ContestJoin = z.input<typeof contestJoinSchema>;

export interface ContestJoined {
  contestId: string;
  role: ContestRole;
  /** The team, judge or audience member this connection acts as. */
  subjectId: string | null;
  /** Audience: keep this on the device and send it on the next join to stay the same member. */
  token: string | null;
  view: ContestView;
  serverTime: number;
  /** Counties the audience can pick from (code, name). */
  counties: { code: string; name: string }[];
  rehearsal: boolean;
}

/**
 * A command as a device sends it (`contestCommandSchema`'s input): the timers' own command never comes
 * from a device. The engine parses it again, with the sender's locale and role.
 */
export type ClientCommand = Exclude<ContestCommandInput, { type: 'timer:expire' }>;

/** The socket payload of a command; its content is parsed by the engine (`contestCommandSchema`), in the sender's locale. */
export const contestCommandEnvelope = z.object({ command: z.unknown() });

/** Events a contest client emits. */
export interface ContestClientEvents {
  'contest:join': (payload: ContestJoin, ack: (r: import('./result.js').Result<ContestJoined>) => void) => void;
  /**
   * A command for the engine (see `contestCommandSchema`); answers with the sender's fresh view —
   * except for the audience, whose fresh personal part arrives as `contest:me` (view is null).
   */
  'contest:command': (payload: { command: ClientCommand }, ack: (r: import('./result.js').Result<{ view: ContestView | null }>) => void) => void;
}

/** Events the server pushes to contest clients. */
export interface ContestServerEvents {
  /** Host, screen, team and judge connections: their whole view after every change. */
  'contest:view': (view: ContestView) => void;
  /** Audience connections: the public part, one broadcast for everybody… */
  'contest:public': (view: PublicView) => void;
  /** …and their own part (score, rank, answer), sent to each member when it changes (join, answer, reveal). */
  'contest:me': (me: MemberView) => void;
}

export { audienceView } from '../contest/audience-view.js';
