import { z } from 'zod';
import { regionCodeSchema } from '../region/region.js';
import { publicName, text } from '../protocol/text.js';
import { contestIdSchema } from './config.js';

/**
 * Host commands may carry the `phaseId` the console was showing when the host clicked: if the contest has
 * moved on since (a timer fired, a team buzzed), the click is refused instead of acting on the wrong phase.
 */
const hostGuard = { phaseId: z.number().int().min(0).optional() };

/** Chosen option indexes (0 = A; true/false: 0 = 正确, 1 = 错误). Range against the question is checked by the engine. */
const optionIndexes = z.array(z.number().int().min(0).max(63)).min(1).max(8);

/** Team and audience answers may name the question opening they answer, so a late packet never lands on the next one. */
const openingGuard = { openingId: z.number().int().min(0).optional() };

const host = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...hostGuard, ...shape });

export const contestCommandSchema = z.discriminatedUnion('type', [
  // host
  host('contest:start', {}),
  host('stake:open', {}),
  host('question:open', {}),
  host('buzz:open', {}),
  host('answer:lock', {}),
  host('answer:judge', { verdict: z.enum(['correct', 'incorrect']), teamId: contestIdSchema.optional() }),
  host('question:reveal', {}),
  host('question:next', {}),
  host('round:next', {}),
  host('judging:open', { teamId: contestIdSchema.optional() }),
  host('score:adjust', {
    teamId: contestIdSchema,
    delta: z
      .number()
      .finite()
      .min(-100_000)
      .max(100_000)
      .refine((d) => d !== 0 && Math.abs(Math.round(d * 100) - d * 100) < 1e-6, { params: { key: 'contest/bad-delta' } }),
    reason: text(1, 200),
  }),
  host('step:undo', {}),
  host('judging:close', {}),
  host('judging:return', { judgeId: contestIdSchema, reason: text(1, 200) }),
  host('judging:publish', {}),
  host('tiebreak:restart', {}),
  // The host acts for a team whose device failed: logged as done by the host for that team, with a reason.
  host('team:act', {
    teamId: contestIdSchema,
    reason: text(1, 200),
    action: z.discriminatedUnion('type', [
      z.object({ type: z.literal('answer:submit'), options: optionIndexes }),
      z.object({ type: z.literal('buzz:press') }),
      z.object({ type: z.literal('stake:pick'), stake: z.union([z.number().int().min(1).max(1000), z.literal('pass')]) }),
    ]),
  }),
  host('contest:pause', {}),
  host('contest:resume', {}),
  // team
  z.object({ type: z.literal('answer:submit'), options: optionIndexes, ...openingGuard }),
  z.object({ type: z.literal('buzz:press') }),
  z.object({ type: z.literal('stake:pick'), stake: z.union([z.number().int().min(1).max(1000), z.literal('pass')]) }),
  // audience
  z.object({ type: z.literal('audience:join'), nickname: publicName(1, 20), county: regionCodeSchema.optional() }),
  z.object({ type: z.literal('audience:answer'), options: optionIndexes, ...openingGuard }),
  // judge
  z.object({ type: z.literal('judge:score'), teamId: contestIdSchema, score: z.number().finite() }),
  // system (timers)
  z.object({ type: z.literal('timer:expire'), phaseId: z.number().int().min(0) }),
]);

export type ContestCommand = z.output<typeof contestCommandSchema>;
export type ContestCommandInput = z.input<typeof contestCommandSchema>;
export type CommandType = ContestCommand['type'];
export type CommandOf<T extends CommandType> = Extract<ContestCommand, { type: T }>;

export type Role = 'host' | 'team' | 'audience' | 'judge' | 'screen' | 'system';

/** Who may send each command. The actor comes from the connection, never from the payload. */
export const COMMAND_ROLES = {
  'contest:start': 'host',
  'stake:open': 'host',
  'question:open': 'host',
  'buzz:open': 'host',
  'answer:lock': 'host',
  'answer:judge': 'host',
  'question:reveal': 'host',
  'question:next': 'host',
  'round:next': 'host',
  'judging:open': 'host',
  'score:adjust': 'host',
  'step:undo': 'host',
  'judging:close': 'host',
  'judging:return': 'host',
  'judging:publish': 'host',
  'tiebreak:restart': 'host',
  'team:act': 'host',
  'contest:pause': 'host',
  'contest:resume': 'host',
  'answer:submit': 'team',
  'buzz:press': 'team',
  'stake:pick': 'team',
  'audience:join': 'audience',
  'audience:answer': 'audience',
  'judge:score': 'judge',
  'timer:expire': 'system',
} as const satisfies Record<CommandType, Role>;

/** Host steps that `step:undo` can take back (pause, resume and undo itself are not steps). */
export const UNDOABLE_COMMANDS: ReadonlySet<CommandType> = new Set<CommandType>([
  'contest:start',
  'stake:open',
  'question:open',
  'buzz:open',
  'answer:lock',
  'answer:judge',
  'question:reveal',
  'question:next',
  'round:next',
  'judging:open',
  'score:adjust',
  'judging:close',
  'judging:return',
  'judging:publish',
  'tiebreak:restart',
  'team:act',
]);
