/**
 * The live-contest engine: a pure reducer over contest state (no I/O, no clock, no randomness),
 * per-role views, and replay of a command log. The Socket.IO adapter validates nothing twice: it
 * hands raw payloads to `reduce`, persists accepted commands, carries out `timer` effects and
 * broadcasts views built with `viewFor`.
 */
export * from './commands.js';
export * from './config.js';
export { createContest, currentQuestion, currentRound, MAX_UNDO, reduce, replay, type ReplayResult } from './engine.js';
export * from './scoring.js';
export * from './shuffle.js';
export * from './types.js';
export * from './views.js';
