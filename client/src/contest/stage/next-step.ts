import type { HostView } from '../../../../shared/contest/views';
import { ts } from '../i18n-stage';
import { teamName } from './format';

export type HostCommand = { type: string } & Record<string, unknown>;

/** What the host's one primary button does now. */
export type NextStep =
  | { kind: 'command'; command: HostCommand; label: string }
  /** An oral buzzer answer waits for the host's verdict: correct (J) or wrong (K). */
  | { kind: 'verdict'; teamId: string; label: string }
  /** Nothing for the host to do but wait (teams pick stakes, judges score, a team answers on its device). */
  | { kind: 'wait'; label: string }
  | { kind: 'none'; label: string };

const BETWEEN = new Set(['round-intro', 'question-ready', 'revealed', 'scored']);

/** Whether moving to the next round is possible now (also offered beside the primary step). */
export function canNextRound(v: HostView): boolean {
  return !v.paused && BETWEEN.has(v.phase);
}

/** "下一环节" or, in the last round, "结束比赛". */
export function nextRoundLabel(v: HostView): string {
  return v.round && v.round.index + 1 >= v.roundCount ? ts('host.finish') : ts('host.nextRound');
}

function nextPerformer(v: HostView): string | undefined {
  const j = v.judging;
  return j?.performers.find((t) => !Object.hasOwn(j.results, t));
}

/** Judges who have scored the team on stage, and how many there are. */
export function judgeCount(v: HostView): { n: number; m: number; min: number } {
  const j = v.judging;
  if (!j) return { n: 0, m: 0, min: 1 };
  return { n: j.scored.length, m: j.judges.length, min: j.aggregate === 'trimmed-mean' ? 3 : 1 };
}

/**
 * The next step of the show, from the phase and the round kind: what the primary button says and
 * sends. One place decides it, so the button, the Space/Enter shortcut and the test agree.
 */
export function nextStep(v: HostView): NextStep {
  if (v.paused) return { kind: 'command', command: { type: 'contest:resume' }, label: ts('host.resume') };
  const kind = v.round?.kind;
  const roundNext = (): NextStep => ({ kind: 'command', command: { type: 'round:next' }, label: nextRoundLabel(v) });
  const open = (): NextStep => {
    const i = v.question?.index ?? (v.phase === 'question-ready' ? (v.round?.questionIndex ?? 0) : 0);
    return { kind: 'command', command: { type: 'question:open' }, label: ts('host.openQuestionN', { i: i + 1 }) };
  };
  // 简答/口答 in a compulsory round: the host gives each team a verdict in turn (J/K), then locks and reveals.
  if (kind === 'compulsory' && v.question?.type === 'shortanswer' && (v.phase === 'answering' || v.phase === 'locked')) {
    const next = v.teams.find((t) => !Object.hasOwn(v.teamAnswers, t.id));
    if (next) return { kind: 'verdict', teamId: next.id, label: ts('host.verdictFor', { team: teamName(v, next.id) }) };
  }
  switch (v.phase) {
    case 'lobby':
      return { kind: 'command', command: { type: 'contest:start' }, label: ts('host.start') };
    case 'round-intro':
    case 'question-ready':
    case 'scored': {
      if (kind === 'judged') {
        const next = nextPerformer(v);
        if (!next) return roundNext();
        return { kind: 'command', command: { type: 'judging:open', teamId: next }, label: ts('host.openJudging', { team: teamName(v, next) }) };
      }
      if (kind === 'risk') return { kind: 'command', command: { type: 'stake:open' }, label: ts('host.openStakes') };
      if (kind === 'tiebreak' && !v.tiebreak?.active) return roundNext();
      return open();
    }
    case 'stake-picking': {
      const picker = v.stakes?.picker;
      return { kind: 'wait', label: ts('host.waitPick', { team: teamName(v, picker) }) };
    }
    case 'stakes-locked':
      return open();
    case 'question-shown':
      return { kind: 'command', command: { type: 'buzz:open' }, label: ts('host.openBuzz') };
    case 'buzz-open':
      return { kind: 'wait', label: ts('host.waitBuzz') };
    case 'answering': {
      if (kind === 'compulsory' || kind === 'risk') {
        const eligible = v.results === null ? v.teams.filter((t) => kind !== 'risk' || typeof v.stakes?.picks[t.id] === 'number').length : 0;
        return { kind: 'command', command: { type: 'answer:lock' }, label: ts('host.lockAnswers', { n: v.answered.length, m: eligible }) };
      }
      const answering = v.buzz?.answering ?? null;
      if (v.buzz?.answerMode === 'device') return { kind: 'wait', label: ts('host.waitDevice', { team: teamName(v, answering) }) };
      return answering ? { kind: 'verdict', teamId: answering, label: ts('host.verdictFor', { team: teamName(v, answering) }) } : { kind: 'wait', label: ts('host.waitBuzz') };
    }
    case 'locked':
      return { kind: 'command', command: { type: 'question:reveal' }, label: ts('host.reveal') };
    case 'revealed': {
      const r = v.round;
      const more = r !== null && r.questionIndex !== null && r.questionIndex + 1 < r.questionCount;
      if (more && !(kind === 'tiebreak' && !v.tiebreak?.active)) return { kind: 'command', command: { type: 'question:next' }, label: ts('host.nextQuestion') };
      return roundNext();
    }
    case 'judging': {
      const { n, m, min } = judgeCount(v);
      if (v.judging?.closed) {
        const back = Object.keys(v.judgeReview?.returned ?? {}).length;
        if (back) return { kind: 'wait', label: ts('host.waitReturned', { n: back }) };
        return { kind: 'command', command: { type: 'judging:publish' }, label: ts('host.publishJudging', { delta: v.judgeReview?.delta ?? 0 }) };
      }
      if (n < min) return { kind: 'wait', label: ts('host.waitJudges', { n, m }) };
      return { kind: 'command', command: { type: 'judging:close' }, label: ts('host.closeJudging', { n, m }) };
    }
    case 'finished':
      return { kind: 'none', label: ts('host.finished') };
  }
}

/** The lock shortcut (L): what it does in this phase, or null when locking makes no sense. */
export function lockAction(v: HostView): { label: string } | null {
  if (v.paused) return null;
  const kind = v.round?.kind;
  if (v.phase === 'buzz-open') return { label: ts('host.lockDrop') };
  if (v.phase === 'answering') {
    if (kind === 'compulsory' || kind === 'risk') return { label: ts('host.lock') };
    if (v.buzz?.answerMode === 'device') return { label: ts('host.lockTimeout') };
    return null;
  }
  if (v.phase === 'judging') {
    const { n, min } = judgeCount(v);
    return n >= min && !v.judging?.closed ? { label: ts('host.lock') } : null;
  }
  return null;
}
