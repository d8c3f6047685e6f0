import { describe, expect, it } from 'vitest';
import { viewFor, type HostView } from '../../shared/contest';
import { canNextRound, hostStep, isLastRound, lockStep, type HostStep } from '../../shared/contest/host-step';
import { config, Driver, fullConfig, HOST, judge, single, truefalse } from './contest-fixtures';

const view = (d: Driver, now: number) => viewFor(d.state, HOST, now) as HostView;

/**
 * Runs a contest with the host pressing only the primary button, and teams and judges doing what the
 * button waits for. Returns every step the button showed.
 */
function pressThrough(d: Driver): HostStep[] {
  let t = 1_000_000;
  const seen: HostStep[] = [];
  for (let guard = 0; guard < 200; guard++) {
    const v = view(d, (t += 1_000));
    const step = hostStep(v);
    seen.push(step);
    if (step.kind === 'none') return seen;
    if (step.kind === 'command') d.host(step.command, t);
    else if (step.kind === 'verdict') d.host({ type: 'answer:judge', verdict: 'correct', teamId: step.teamId }, t);
    else if (v.phase === 'stake-picking') {
      const picker = v.stakes!.picker!;
      const used = d.state.core.stakesUsed[picker] ?? [];
      d.team(picker, { type: 'stake:pick', stake: [10, 20, 30].find((s) => !used.includes(s)) }, t);
    }
    else if (v.phase === 'buzz-open') d.team(d.state.core.question!.eligible[0]!, { type: 'buzz:press' }, t);
    else if (v.phase === 'answering') d.team(v.buzz!.answering!, { type: 'answer:submit', options: [0] }, t);
    else if (v.phase === 'judging') for (const j of ['j1', 'j2', 'j3']) d.ok(judge(j), { type: 'judge:score', teamId: v.judging!.teamId!, score: 8 }, t);
    else throw new Error(`nothing to do for a wait in ${v.phase}`);
  }
  throw new Error('the contest did not finish');
}

describe("host console's next step (shared rule)", () => {
  it('takes a contest with every round kind from the lobby to the end, each command one the engine accepts', () => {
    const d = new Driver(fullConfig());
    const steps = pressThrough(d);
    expect(d.phase).toBe('finished');
    expect(steps.at(-1)).toEqual({ kind: 'none', label: { key: 'host.finished' } });
    const commands = new Set(steps.flatMap((s) => (s.kind === 'command' ? [s.command.type] : [])));
    for (const type of ['contest:start', 'question:open', 'answer:lock', 'question:reveal', 'question:next', 'round:next', 'buzz:open', 'stake:open', 'judging:open', 'judging:close', 'judging:publish']) {
      expect(commands).toContain(type);
    }
    expect(steps.some((s) => s.kind === 'wait' && s.label.key === 'host.waitPick')).toBe(true);
    expect(steps.some((s) => s.kind === 'wait' && s.label.key === 'host.waitJudges')).toBe(true);
  });

  it('names the question to open, counts answers against eligible teams, and ends the last round with "finish"', () => {
    const d = new Driver(config([{ id: 'r1', title: '必答题', kind: 'compulsory', questions: [single('c-1'), truefalse('c-2')], timeLimitMs: 10_000 }]));
    const T0 = 1_000_000;
    expect(hostStep(view(d, T0))).toMatchObject({ kind: 'command', command: { type: 'contest:start' } });
    d.host({ type: 'contest:start' }, T0);
    expect(hostStep(view(d, T0))).toMatchObject({ command: { type: 'question:open' }, label: { key: 'host.openQuestionN', params: { i: 1 } } });
    expect(canNextRound(view(d, T0))).toBe(true);
    d.host({ type: 'question:open' }, T0);
    expect(canNextRound(view(d, T0))).toBe(false);
    d.team('zhang', { type: 'answer:submit', options: [1] }, T0 + 1);
    expect(hostStep(view(d, T0 + 1))).toMatchObject({ command: { type: 'answer:lock' }, label: { key: 'host.lockAnswers', params: { n: 1, m: 3 } } });
    expect(lockStep(view(d, T0 + 1))).toBe('host.lock');
    d.host({ type: 'answer:lock' }, T0 + 2);
    expect(lockStep(view(d, T0 + 2))).toBeNull();
    d.host({ type: 'question:reveal' }, T0 + 3);
    expect(hostStep(view(d, T0 + 3))).toMatchObject({ command: { type: 'question:next' } });
    d.host({ type: 'question:next' }, T0 + 4);
    expect(hostStep(view(d, T0 + 4))).toMatchObject({ label: { key: 'host.openQuestionN', params: { i: 2 } } });
    d.host({ type: 'question:open' }, T0 + 5);
    d.expire(T0 + 20_000);
    d.host({ type: 'question:reveal' }, T0 + 20_001);
    expect(isLastRound(view(d, T0 + 20_001))).toBe(true);
    expect(hostStep(view(d, T0 + 20_001))).toMatchObject({ command: { type: 'round:next' }, label: { key: 'host.finish' } });
  });

  it('offers resume while paused, and nothing else', () => {
    const d = new Driver(config([{ id: 'r1', title: '必答题', kind: 'compulsory', questions: [single('c-1')] }]));
    d.host({ type: 'contest:start' }, 1);
    d.host({ type: 'contest:pause' }, 2);
    const v = view(d, 3);
    expect(hostStep(v)).toEqual({ kind: 'command', command: { type: 'contest:resume' }, label: { key: 'host.resume' } });
    expect(canNextRound(v)).toBe(false);
    expect(lockStep(v)).toBeNull();
  });

  it('waits for the buzz, asks for a verdict on an oral answer, and drops an unbuzzed question with the lock key', () => {
    const d = new Driver(config([{ id: 'r1', title: '抢答题', kind: 'buzzer', questions: [single('b-1'), single('b-2')], answerMode: 'oral' }]));
    d.host({ type: 'contest:start' }, 1);
    d.host({ type: 'question:open' }, 2);
    expect(hostStep(view(d, 2))).toMatchObject({ command: { type: 'buzz:open' } });
    d.host({ type: 'buzz:open' }, 3);
    expect(hostStep(view(d, 3))).toEqual({ kind: 'wait', label: { key: 'host.waitBuzz' } });
    expect(lockStep(view(d, 3))).toBe('host.lockDrop');
    d.team('li', { type: 'buzz:press' }, 4);
    expect(hostStep(view(d, 4))).toEqual({ kind: 'verdict', teamId: 'li', label: { key: 'host.verdictFor', teamId: 'li' } });
    // An oral answer cannot be locked: the host has to judge it.
    expect(lockStep(view(d, 4))).toBeNull();
  });
});
