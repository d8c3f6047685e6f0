/**
 * Which phases allow what: one place for the engine, the views and the consoles.
 */
import type { CommandType } from './commands.js';
import type { Phase } from './types.js';

/** Phases in which the audience may answer the question on screen. */
export const AUDIENCE_PHASES: ReadonlySet<Phase> = new Set<Phase>(['question-shown', 'buzz-open', 'answering', 'locked']);

/** Host commands that still make sense while the contest is paused. */
export const ALLOWED_WHILE_PAUSED: ReadonlySet<CommandType> = new Set<CommandType>(['contest:resume', 'contest:pause', 'score:adjust', 'step:undo']);

/** Phases with no question in flight, from which the host may move to the next round. */
export const BETWEEN_QUESTIONS: ReadonlySet<Phase> = new Set<Phase>(['round-intro', 'question-ready', 'revealed', 'scored']);
