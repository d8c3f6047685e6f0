import { describe, expect, it } from 'vitest';
import { config, Driver, HOST, single } from './contest-fixtures';

const T0 = 9_000_000;

describe('the host acts for a team whose device failed', () => {
  it('answers for a team in a compulsory round: scored like the team, recorded as done by the host with a reason', () => {
    const d = new Driver(config([{ id: 'r1', title: '必答题', kind: 'compulsory', questions: [single('c-1', 1)] }]));
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.team('zhang', { type: 'answer:submit', options: [1] }, T0 + 2_000);
    d.host({ type: 'team:act', teamId: 'li', reason: '平板断网，队长口头作答 B', action: { type: 'answer:submit', options: [1] } }, T0 + 3_000);
    const at = d.state.journal.filter((e) => e.seq === d.state.seq);
    expect(at.map((e) => e.type)).toEqual(['proxy', 'answer']);
    expect(at[0]).toMatchObject({ type: 'proxy', teamId: 'li', action: 'answer:submit', reason: '平板断网，队长口头作答 B' });
    // The same rules as the team's own answer: once only.
    expect(d.err(HOST, { type: 'team:act', teamId: 'li', reason: '重复', action: { type: 'answer:submit', options: [0] } }, T0 + 3_500)).toEqual({ code: 'contest/already-answered' });
    expect(d.err(HOST, { type: 'team:act', teamId: 'nobody', reason: '测试', action: { type: 'buzz:press' } }, T0 + 3_500)).toEqual({ code: 'contest/unknown-team', params: { teamId: 'nobody' } });
    d.team('wang', { type: 'answer:submit', options: [0] }, T0 + 4_000);
    d.host({ type: 'question:reveal' }, T0 + 5_000);
    expect(d.state.core.scores).toEqual({ zhang: 110, li: 110, wang: 100 });
    // Undo takes the host's answer back like any host step.
    d.host({ type: 'step:undo' }, T0 + 6_000);
    d.host({ type: 'step:undo' }, T0 + 6_100);
    expect(Object.keys(d.state.core.question!.answers)).toEqual(['zhang']);
  });

  it('buzzes for a team and picks its stake instead of letting the timer pick the lowest', () => {
    const d = new Driver(
      config([
        { id: 'r1', title: '抢答题', kind: 'buzzer', questions: [single('b-1', 0)] },
        { id: 'r2', title: '风险题', kind: 'risk', questions: [single('k-1', 0)], stakes: [10, 20, 30] },
      ]),
    );
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 400);
    d.host({ type: 'buzz:open' }, T0 + 500);
    d.host({ type: 'team:act', teamId: 'wang', reason: '抢答器失灵，王家先举手', action: { type: 'buzz:press' } }, T0 + 600);
    expect(d.state.core.question!.answering).toBe('wang');
    d.host({ type: 'answer:judge', verdict: 'correct' }, T0 + 700);
    d.host({ type: 'question:reveal' }, T0 + 800);
    d.host({ type: 'round:next' }, T0 + 900);
    d.host({ type: 'stake:open' }, T0 + 1_000);
    const first = d.state.core.question!.pickOrder[0]!;
    d.host({ type: 'team:act', teamId: first, reason: '手机没电，队长举牌 30 分', action: { type: 'stake:pick', stake: 30 } }, T0 + 1_200);
    expect(d.state.core.question!.picks[first]).toBe(30);
    expect(d.state.journal.at(-1)).toMatchObject({ type: 'stake', teamId: first, stake: 30, auto: false });
  });
});
