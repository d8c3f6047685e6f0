import { hostStep, isLastRound, lockStep, type HostCommand, type HostLabel } from '../../../../shared/contest/host-step';
import type { HostView } from '../../../../shared/contest/views';
import { ts } from '../../i18n/stage';
import { teamName } from './format';

export { canNextRound, judgeCount, type HostCommand } from '../../../../shared/contest/host-step';

/** What the host's one primary button does now (see `hostStep`), with its label in words. */
export type NextStep =
  | { kind: 'command'; command: HostCommand; label: string }
  /** An oral answer waits for the host's verdict: correct (J) or wrong (K). */
  | { kind: 'verdict'; teamId: string; label: string }
  /** Nothing for the host to do but wait (teams pick stakes, judges score, a team answers on its device). */
  | { kind: 'wait'; label: string }
  | { kind: 'none'; label: string };

/** A label in the current language, the team it names by its name. */
export function labelText(v: HostView, label: HostLabel): string {
  if ('teamId' in label) return ts(label.key, { team: teamName(v, label.teamId) });
  return ts(label.key, 'params' in label ? label.params : undefined);
}

/** "下一环节" or, in the last round, "结束比赛". */
export function nextRoundLabel(v: HostView): string {
  return ts(isLastRound(v) ? 'host.finish' : 'host.nextRound');
}

/** The next step of the show (decided by `hostStep`), for the primary button, the Space/Enter shortcut and the tests. */
export function nextStep(v: HostView): NextStep {
  const step = hostStep(v);
  return { ...step, label: labelText(v, step.label) };
}

/** The lock shortcut (L): what it does in this phase, or null when locking makes no sense. */
export function lockAction(v: HostView): { label: string } | null {
  const key = lockStep(v);
  return key === null ? null : { label: ts(key) };
}
