/**
 * The host console's next step, decided from the host's view: what the one primary button does, whether
 * moving to the next round is offered, and what the lock key does. Pure and free of wording: a label is a
 * message key with its parameters (a team by its id), which the console puts into words.
 */
import type { COMMAND_ROLES, ContestCommandInput } from './commands.js';
import { BETWEEN_QUESTIONS } from './phases.js';
import type { HostView } from './views.js';

type HostCommandType = { [T in keyof typeof COMMAND_ROLES]: (typeof COMMAND_ROLES)[T] extends 'host' ? T : never }[keyof typeof COMMAND_ROLES];
/** A command the host's console sends: one of the engine's host commands, as it takes them. */
export type HostCommand = Extract<ContestCommandInput, { type: HostCommandType }>;

/** What a button or a waiting notice says: a message key, its numbers, and the team it names (by id). */
export type HostLabel =
  | { key: 'host.resume' | 'host.start' | 'host.openStakes' | 'host.openBuzz' | 'host.waitBuzz' | 'host.reveal' | 'host.nextQuestion' | 'host.finished' | 'host.finish' | 'host.nextRound' }
  | { key: 'host.openQuestionN'; params: { i: number } }
  | { key: 'host.lockAnswers' | 'host.waitJudges' | 'host.closeJudging'; params: { n: number; m: number } }
  | { key: 'host.waitReturned'; params: { n: number } }
  | { key: 'host.publishJudging'; params: { delta: number } }
  | { key: 'host.verdictFor' | 'host.openJudging' | 'host.waitPick' | 'host.waitDevice'; teamId: string | null };

/** What the host's one primary button does now. */
export type HostStep =
  | { kind: 'command'; command: HostCommand; label: HostLabel }
  /** An oral answer waits for the host's verdict: correct (J) or wrong (K). */
  | { kind: 'verdict'; teamId: string; label: HostLabel }
  /** Nothing for the host to do but wait (teams pick stakes, judges score, a team answers on its device). */
  | { kind: 'wait'; label: HostLabel }
  | { kind: 'none'; label: HostLabel };

/** Whether moving to the next round is possible now (also offered beside the primary step). */
export function canNextRound(v: HostView): boolean {
  return !v.paused && BETWEEN_QUESTIONS.has(v.phase);
}

/** Moving on from the last round ends the contest. */
export function isLastRound(v: HostView): boolean {
  return v.round !== null && v.round.index + 1 >= v.roundCount;
}

const roundNextLabel = (v: HostView): HostLabel => ({ key: isLastRound(v) ? 'host.finish' : 'host.nextRound' });

function nextPerformer(v: HostView): string | undefined {
  const j = v.judging;
  return j?.performers.find((t) => !Object.hasOwn(j.results, t));
}

/** Judges who have scored the team on stage, how many there are, and how many scores publishing needs. */
export function judgeCount(v: HostView): { n: number; m: number; min: number } {
  const j = v.judging;
  if (!j) return { n: 0, m: 0, min: 1 };
  return { n: j.scored.length, m: j.judges.length, min: j.aggregate === 'trimmed-mean' ? 3 : 1 };
}

/**
 * The next step of the show, from the phase and the round kind: what the primary button says and sends.
 * One place decides it, so the button, the Space/Enter shortcut and the tests agree.
 */
export function hostStep(v: HostView): HostStep {
  if (v.paused) return { kind: 'command', command: { type: 'contest:resume' }, label: { key: 'host.resume' } };
  const kind = v.round?.kind;
  const roundNext = (): HostStep => ({ kind: 'command', command: { type: 'round:next' }, label: roundNextLabel(v) });
  const open = (): HostStep => {
    const i = v.question?.index ?? (v.phase === 'question-ready' ? (v.round?.questionIndex ?? 0) : 0);
    return { kind: 'command', command: { type: 'question:open' }, label: { key: 'host.openQuestionN', params: { i: i + 1 } } };
  };
  const verdict = (teamId: string): HostStep => ({ kind: 'verdict', teamId, label: { key: 'host.verdictFor', teamId } });
  // 简答/口答 in a compulsory round: the host gives each team a verdict in turn (J/K), then locks and reveals.
  if (kind === 'compulsory' && v.question?.type === 'shortanswer' && (v.phase === 'answering' || v.phase === 'locked')) {
    const next = v.teams.find((t) => !Object.hasOwn(v.teamAnswers, t.id));
    if (next) return verdict(next.id);
  }
  switch (v.phase) {
    case 'lobby':
      return { kind: 'command', command: { type: 'contest:start' }, label: { key: 'host.start' } };
    case 'round-intro':
    case 'question-ready':
    case 'scored': {
      if (kind === 'judged') {
        const next = nextPerformer(v);
        if (!next) return roundNext();
        return { kind: 'command', command: { type: 'judging:open', teamId: next }, label: { key: 'host.openJudging', teamId: next } };
      }
      if (kind === 'risk') return { kind: 'command', command: { type: 'stake:open' }, label: { key: 'host.openStakes' } };
      if (kind === 'tiebreak' && !v.tiebreak?.active) return roundNext();
      return open();
    }
    case 'stake-picking':
      return { kind: 'wait', label: { key: 'host.waitPick', teamId: v.stakes?.picker ?? null } };
    case 'stakes-locked':
      return open();
    case 'question-shown':
      return { kind: 'command', command: { type: 'buzz:open' }, label: { key: 'host.openBuzz' } };
    case 'buzz-open':
      return { kind: 'wait', label: { key: 'host.waitBuzz' } };
    case 'answering': {
      if (kind === 'compulsory' || kind === 'risk') {
        const eligible = v.results === null ? v.teams.filter((t) => kind !== 'risk' || typeof v.stakes?.picks[t.id] === 'number').length : 0;
        return { kind: 'command', command: { type: 'answer:lock' }, label: { key: 'host.lockAnswers', params: { n: v.answered.length, m: eligible } } };
      }
      const answering = v.buzz?.answering ?? null;
      if (v.buzz?.answerMode === 'device') return { kind: 'wait', label: { key: 'host.waitDevice', teamId: answering } };
      return answering ? verdict(answering) : { kind: 'wait', label: { key: 'host.waitBuzz' } };
    }
    case 'locked':
      return { kind: 'command', command: { type: 'question:reveal' }, label: { key: 'host.reveal' } };
    case 'revealed': {
      const r = v.round;
      const more = r !== null && r.questionIndex !== null && r.questionIndex + 1 < r.questionCount;
      if (more && !(kind === 'tiebreak' && !v.tiebreak?.active)) return { kind: 'command', command: { type: 'question:next' }, label: { key: 'host.nextQuestion' } };
      return roundNext();
    }
    case 'judging': {
      const { n, m, min } = judgeCount(v);
      if (v.judging?.closed) {
        const back = Object.keys(v.judgeReview?.returned ?? {}).length;
        if (back) return { kind: 'wait', label: { key: 'host.waitReturned', params: { n: back } } };
        return { kind: 'command', command: { type: 'judging:publish' }, label: { key: 'host.publishJudging', params: { delta: v.judgeReview?.delta ?? 0 } } };
      }
      if (n < min) return { kind: 'wait', label: { key: 'host.waitJudges', params: { n, m } } };
      return { kind: 'command', command: { type: 'judging:close' }, label: { key: 'host.closeJudging', params: { n, m } } };
    }
    case 'finished':
      return { kind: 'none', label: { key: 'host.finished' } };
  }
}

/** What the lock key (L) does in this phase: drop an unbuzzed question, lock answers, time out a device answer, close judging; null when locking makes no sense. */
export function lockStep(v: HostView): 'host.lockDrop' | 'host.lock' | 'host.lockTimeout' | null {
  if (v.paused) return null;
  const kind = v.round?.kind;
  if (v.phase === 'buzz-open') return 'host.lockDrop';
  if (v.phase === 'answering') {
    if (kind === 'compulsory' || kind === 'risk') return 'host.lock';
    if (v.buzz?.answerMode === 'device') return 'host.lockTimeout';
    return null;
  }
  if (v.phase === 'judging') {
    const { n, min } = judgeCount(v);
    return n >= min && !v.judging?.closed ? 'host.lock' : null;
  }
  return null;
}
