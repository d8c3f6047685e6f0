/**
 * The live-contest engine: a pure reducer over contest state (no I/O, no clock, no randomness),
 * per-role views, replay of a command log, and the host's next step. The Socket.IO adapter validates
 * nothing twice: it hands raw payloads to `reduce`, persists accepted commands, carries out `timer`
 * effects and broadcasts views built with `viewFor`.
 */
export * from './commands.js';
export * from './config.js';
export * from './host-step.js';
export { createContest, currentQuestion, currentRound, MAX_UNDO, reduce, replay, type ReplayResult } from './engine.js';
export * from './phases.js';
export * from './scoring.js';
export * from './shuffle.js';
export * from './types.js';
export * from './views.js';
