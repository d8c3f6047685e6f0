import { describe, expect, it } from 'vitest';
import { COMMAND_ROLES, type Actor, type CommandType } from '../../shared/contest';
import { errorMessage } from '../../shared/i18n/messages';
import { config, Driver, HOST, judge, member, single, SCREEN, SYSTEM, team } from './contest-fixtures';

const T0 = 7_000_000;

/** A well-formed example of every command. */
const SAMPLES: Record<CommandType, unknown> = {
  'contest:start': { type: 'contest:start' },
  'stake:open': { type: 'stake:open' },
  'question:open': { type: 'question:open' },
  'buzz:open': { type: 'buzz:open' },
  'answer:lock': { type: 'answer:lock' },
  'answer:judge': { type: 'answer:judge', verdict: 'correct' },
  'question:reveal': { type: 'question:reveal' },
  'question:next': { type: 'question:next' },
  'round:next': { type: 'round:next' },
  'judging:open': { type: 'judging:open' },
  'score:adjust': { type: 'score:adjust', teamId: 'li', delta: 5, reason: '复核' },
  'step:undo': { type: 'step:undo' },
  'judging:close': { type: 'judging:close' },
  'judging:return': { type: 'judging:return', judgeId: 'j1', reason: '请核对' },
  'judging:publish': { type: 'judging:publish' },
  'tiebreak:restart': { type: 'tiebreak:restart' },
  'team:act': { type: 'team:act', teamId: 'li', reason: '平板没电', action: { type: 'buzz:press' } },
  'contest:pause': { type: 'contest:pause' },
  'contest:resume': { type: 'contest:resume' },
  'answer:submit': { type: 'answer:submit', options: [1] },
  'buzz:press': { type: 'buzz:press' },
  'stake:pick': { type: 'stake:pick', stake: 10 },
  'audience:join': { type: 'audience:join', nickname: '小明' },
  'audience:answer': { type: 'audience:answer', options: [1] },
  'judge:score': { type: 'judge:score', teamId: 'li', score: 9 },
  'timer:expire': { type: 'timer:expire', phaseId: 0 },
};

const ACTORS: Actor[] = [HOST, team('li'), member('m1'), judge('j1'), SCREEN, SYSTEM];

function contest() {
  return new Driver(
    config([
      { id: 'r1', title: '必答题', kind: 'compulsory', questions: [single('c-1'), single('c-2')] },
      { id: 'r2', title: '抢答题', kind: 'buzzer', questions: [single('b-1')] },
    ]),
  );
}

describe('rejections', () => {
  it('refuses every command from every role but its own, and the screen may send nothing', () => {
    const d = contest();
    let checked = 0;
    for (const [type, command] of Object.entries(SAMPLES)) {
      const role = COMMAND_ROLES[type as CommandType];
      for (const actor of ACTORS) {
        if (actor.role === role) continue;
        expect(d.err(actor, command, T0), `${type} by ${actor.role}`).toEqual({ code: 'contest/wrong-role', params: { expected: role } });
        checked++;
      }
    }
    expect(checked).toBe(Object.keys(SAMPLES).length * 5);
  });

  it('refuses malformed commands with the path of the problem', () => {
    const d = contest();
    const cases: [Actor, unknown, string][] = [
      [HOST, null, '(root)'],
      [HOST, 'contest:start', '(root)'],
      [HOST, { type: 'contest:explode' }, 'type'],
      [HOST, { type: 'answer:judge', verdict: 'maybe' }, 'verdict'],
      [HOST, { type: 'score:adjust', teamId: 'li', delta: Number.NaN, reason: 'x' }, 'delta'],
      [HOST, { type: 'score:adjust', teamId: 'li', delta: 1.234, reason: 'x' }, 'delta'],
      [HOST, { type: 'question:open', phaseId: -1 }, 'phaseId'],
      [team('li'), { type: 'answer:submit', options: [] }, 'options'],
      [team('li'), { type: 'answer:submit', options: ['A'] }, 'options.0'],
      [team('li'), { type: 'answer:submit', options: [1.5] }, 'options.0'],
      [team('li'), { type: 'stake:pick', stake: -10 }, 'stake'],
      [member('m1'), { type: 'audience:join', nickname: '' }, 'nickname'],
      [member('m1'), { type: 'audience:join', nickname: '小明', county: '13' }, 'county'],
      [member('m1'), { type: 'audience:join', nickname: '小\u0007明' }, 'nickname'],
      [judge('j1'), { type: 'judge:score', teamId: 'li', score: Infinity }, 'score'],
      [SYSTEM, { type: 'timer:expire' }, 'phaseId'],
    ];
    for (const [actor, command, path] of cases) {
      expect(d.err(actor, command, T0), JSON.stringify(command)).toEqual({ code: 'contest/invalid-command', params: { path } });
    }
  });

  it('refuses actors the contest does not know', () => {
    const d = contest();
    expect(d.err(team('zhao'), SAMPLES['buzz:press'], T0)).toEqual({ code: 'contest/bad-actor' });
    expect(d.err(member('__proto__'), SAMPLES['audience:join'], T0)).toEqual({ code: 'contest/bad-actor' });
    expect(d.err({ role: 'audience', memberId: 'm1', county: 'x' }, SAMPLES['audience:join'], T0)).toEqual({ code: 'contest/bad-actor' });
  });

  it('refuses commands in the wrong phase, for another team, twice, or too late', () => {
    const d = contest();
    for (const type of ['question:open', 'buzz:open', 'answer:lock', 'question:reveal', 'question:next', 'round:next', 'contest:pause'] as const) {
      expect(d.err(HOST, SAMPLES[type], T0), type).toEqual({ code: 'contest/wrong-phase', params: { phase: 'lobby' } });
    }
    expect(d.err(team('li'), SAMPLES['answer:submit'], T0)).toEqual({ code: 'contest/wrong-phase', params: { phase: 'lobby' } });
    d.host({ type: 'contest:start' }, T0);
    expect(d.err(HOST, SAMPLES['contest:start'], T0)).toEqual({ code: 'contest/wrong-phase', params: { phase: 'round-intro' } });
    // Round kinds: a compulsory round has no buzzing, stakes or judges.
    expect(d.err(HOST, SAMPLES['buzz:open'], T0)).toEqual({ code: 'contest/wrong-round', params: { kind: 'compulsory' } });
    expect(d.err(HOST, SAMPLES['stake:open'], T0)).toEqual({ code: 'contest/wrong-round', params: { kind: 'compulsory' } });
    expect(d.err(HOST, SAMPLES['judging:open'], T0)).toEqual({ code: 'contest/wrong-round', params: { kind: 'compulsory' } });
    expect(d.err(team('li'), SAMPLES['buzz:press'], T0)).toEqual({ code: 'contest/wrong-round', params: { kind: 'compulsory' } });
    expect(d.err(team('li'), SAMPLES['stake:pick'], T0)).toEqual({ code: 'contest/wrong-round', params: { kind: 'compulsory' } });
    expect(d.err(judge('j1'), SAMPLES['judge:score'], T0)).toEqual({ code: 'contest/wrong-round', params: { kind: 'compulsory' } });
    d.host({ type: 'question:open' }, T0 + 1_000);
    const opening = d.state.core.question!.openingId!;
    d.team('li', { type: 'answer:submit', options: [1], openingId: opening }, T0 + 2_000);
    expect(d.err(team('li'), { type: 'answer:submit', options: [2] }, T0 + 3_000)).toEqual({ code: 'contest/already-answered' });
    expect(d.err(team('zhang'), { type: 'answer:submit', options: [1], openingId: opening - 1 }, T0 + 3_000)).toEqual({
      code: 'contest/stale-question',
    });
    expect(d.err(team('zhang'), { type: 'answer:submit', options: [1] }, T0 + 31_001)).toEqual({ code: 'contest/too-late' });
    expect(d.err(HOST, SAMPLES['question:reveal'], T0 + 3_000)).toEqual({ code: 'contest/wrong-phase', params: { phase: 'answering' } });
    expect(d.err(HOST, SAMPLES['contest:resume'], T0 + 3_000)).toEqual({ code: 'contest/not-paused' });
  });

  it('has a message in both languages for every code it returns', () => {
    expect(errorMessage('contest/wrong-phase', 'zh-CN', { phase: 'lobby' })).toBe('当前环节（lobby）不能执行此操作');
    expect(errorMessage('contest/stake-used', 'en', { stake: 20 })).toBe('The stake of 20 is already used');
  });
});
