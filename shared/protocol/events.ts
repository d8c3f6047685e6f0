import { z } from 'zod';
import type { Result } from './result.js';
import type { ContestClientEvents, ContestServerEvents } from './contest-protocol.js';

/** Payload of `clock:ping`: the client's send time, echoed back so it can measure the round trip. */
export const clockPingSchema = z.object({ clientTime: z.number().finite() });
export type ClockPing = z.infer<typeof clockPingSchema>;
export interface ClockPong {
  clientTime: number;
  serverTime: number;
}

export type Ack<T> = (result: Result<T>) => void;

/** Events a client emits; every one is answered through its acknowledgement. */
export const boardWatchSchema = z.object({ campaignId: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });

/** One county row of a campaign's live board. */
export interface BoardRow {
  rank: number;
  code: string;
  name: string;
  participants: number;
  submitters: number;
  attempts: number;
  target: number;
  rate: number | null;
  averageScore: number | null;
  passRate: number | null;
  fullMarksRate: number | null;
  accuracy: number | null;
}

export interface ClientToServerEvents extends ContestClientEvents {
  'clock:ping': (payload: ClockPing, ack: Ack<ClockPong>) => void;
  /** Subscribes this socket to a campaign's county board; answers with the current table. */
  'board:watch': (payload: { campaignId: string }, ack: Ack<BoardRow[]>) => void;
}

/** Events the server pushes. */
export interface ServerToClientEvents extends ContestServerEvents {
  'server:hello': (info: { version: string; serverTime: number }) => void;
  /** The county table after new submissions, at most once a second. */
  'board:update': (payload: { campaignId: string; counties: BoardRow[] }) => void;
}

export interface InterServerEvents {}

/** Per-connection data set by the server at handshake; the actor of a command comes from here, never from a payload. */
export interface SocketData {
  locale: 'zh-CN' | 'en';
  /** The client's address (through the proxies `TRUST_PROXY` names), set at handshake. */
  address?: string;
  /** Set by `contest:join`: which contest this connection belongs to and as whom. */
  contest?: { contestId: string; role: 'host' | 'screen' | 'team' | 'audience' | 'judge'; subjectId: string | null; county: string | null };
  /** The staff member behind the connection (from the session cookie at handshake), if any. */
  staff?: { id: string; role: 'admin' | 'organizer' | 'host'; regionCode: string | null } | null;
}
