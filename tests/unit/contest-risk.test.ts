import { describe, expect, it } from 'vitest';
import { viewFor } from '../../shared/contest';
import { config, Driver, single, team, truefalse } from './contest-fixtures';

const T0 = 3_000_000;

function risk(extra: Record<string, unknown> = {}, scores?: Record<string, number>) {
  const d = new Driver(
    config([
      {
        id: 'r1',
        title: '风险题',
        kind: 'risk',
        questions: [single('k-1', 1), single('k-2', 0), truefalse('k-3')],
        stakes: [10, 20, 30],
        ...extra,
      },
    ]),
  );
  d.host({ type: 'contest:start' }, T0);
  let t = T0;
  for (const [teamId, score] of Object.entries(scores ?? {})) {
    if (score !== 100) d.host({ type: 'score:adjust', teamId, delta: score - 100, reason: '设定初始分' }, ++t);
  }
  return d;
}

describe('risk round (风险)', () => {
  it('teams pick in order, lowest score first, before the question is shown; right +stake, wrong −stake', () => {
    const d = risk({}, { zhang: 120, li: 90, wang: 100 });
    expect(d.err({ role: 'host' }, { type: 'question:open' }, T0 + 10)).toEqual({ code: 'contest/wrong-phase', params: { phase: 'round-intro' } });
    d.host({ type: 'stake:open' }, T0 + 100);
    expect(d.phase).toBe('stake-picking');
    expect(d.state.core.question!.pickOrder).toEqual(['li', 'wang', 'zhang']);
    expect(d.timer).toEqual({ type: 'timer', phaseId: d.state.phaseId, at: T0 + 20_100 });
    // The question stays hidden from everyone but the host while stakes are picked.
    expect(viewFor(d.state, team('li'), T0 + 200).question).toBeNull();
    expect(viewFor(d.state, { role: 'host' }, T0 + 200).question).toMatchObject({ id: 'k-1', openingId: null });

    expect(d.err(team('zhang'), { type: 'stake:pick', stake: 30 }, T0 + 200)).toEqual({ code: 'contest/not-your-turn' });
    expect(d.err(team('li'), { type: 'stake:pick', stake: 25 }, T0 + 200)).toEqual({ code: 'contest/unknown-stake', params: { stake: 25 } });
    expect(d.err(team('li'), { type: 'stake:pick', stake: 'pass' }, T0 + 200)).toEqual({ code: 'contest/pass-not-allowed' });
    d.team('li', { type: 'stake:pick', stake: 30 }, T0 + 1_000);
    expect(d.timer).toEqual({ type: 'timer', phaseId: d.state.phaseId, at: T0 + 21_000 });
    d.team('wang', { type: 'stake:pick', stake: 10 }, T0 + 2_000);
    d.team('zhang', { type: 'stake:pick', stake: 20 }, T0 + 3_000);
    expect(d.phase).toBe('stakes-locked');
    expect(d.state.core.stakesUsed).toEqual({ zhang: [20], li: [30], wang: [10] });

    d.host({ type: 'question:open' }, T0 + 4_000);
    expect(d.phase).toBe('answering');
    d.team('li', { type: 'answer:submit', options: [1] }, T0 + 5_000);
    d.team('wang', { type: 'answer:submit', options: [0] }, T0 + 5_000);
    d.expire(T0 + 34_000); // zhang never answers: counts as wrong
    d.host({ type: 'question:reveal' }, T0 + 35_000);
    expect(d.state.core.scores).toEqual({ zhang: 100, li: 120, wang: 90 });
    expect(d.state.core.question!.deltas).toEqual({ li: 30, wang: -10, zhang: -20 });
  });

  it('each stake tile is usable once per team; highest-first order; a pass leaves the team out of the question', () => {
    const d = risk({ pickOrder: 'highest-first', allowPass: true }, { zhang: 120, li: 90, wang: 100 });
    d.host({ type: 'stake:open' }, T0 + 100);
    expect(d.state.core.question!.pickOrder).toEqual(['zhang', 'wang', 'li']);
    d.team('zhang', { type: 'stake:pick', stake: 30 }, T0 + 200);
    d.team('wang', { type: 'stake:pick', stake: 'pass' }, T0 + 300);
    d.team('li', { type: 'stake:pick', stake: 30 }, T0 + 400); // tiles are per team
    d.host({ type: 'question:open' }, T0 + 500);
    expect(d.state.core.question!.eligible).toEqual(['zhang', 'li']);
    expect(d.err(team('wang'), { type: 'answer:submit', options: [1] }, T0 + 600)).toEqual({ code: 'contest/passed' });
    d.team('zhang', { type: 'answer:submit', options: [1] }, T0 + 700);
    d.team('li', { type: 'answer:submit', options: [1] }, T0 + 800);
    expect(d.phase).toBe('locked'); // every team that plays has answered
    d.host({ type: 'question:reveal' }, T0 + 900);
    expect(d.state.core.scores).toEqual({ zhang: 150, li: 120, wang: 100 });
    expect(d.state.core.question!.deltas).toEqual({ zhang: 30, li: 30 });

    d.host({ type: 'question:next' }, T0 + 1_000);
    d.host({ type: 'stake:open' }, T0 + 1_100);
    expect(d.state.core.question!.pickOrder).toEqual(['zhang', 'li', 'wang']);
    expect(d.err(team('zhang'), { type: 'stake:pick', stake: 30 }, T0 + 1_200)).toEqual({ code: 'contest/stake-used', params: { stake: 30 } });
    expect(viewFor(d.state, team('zhang'), T0 + 1_200)).toMatchObject({ me: { myTurnToPick: true, stakesLeft: [10, 20] } });
    expect(viewFor(d.state, team('li'), T0 + 1_200)).toMatchObject({ me: { myTurnToPick: false } });
  });

  it('a picker who runs out of time passes if passing is allowed, otherwise gets the lowest unused stake', () => {
    const d = risk({}, { zhang: 120, li: 90, wang: 100 });
    d.host({ type: 'stake:open' }, T0 + 100);
    d.team('li', { type: 'stake:pick', stake: 10 }, T0 + 200);
    d.expire(T0 + 20_200);
    expect(d.state.core.question!.picks).toEqual({ li: 10, wang: 10 });
    expect(d.events).toContainEqual({ type: 'stake', teamId: 'wang', stake: 10, auto: true });
    expect(d.phase).toBe('stake-picking');

    const p = risk({ allowPass: true });
    p.host({ type: 'stake:open' }, T0 + 100);
    p.expire(T0 + 20_100);
    expect(p.state.core.question!.picks).toEqual({ zhang: 'pass' });
  });

  it('if every team passes, the question is shown and locks at once', () => {
    const d = risk({ allowPass: true });
    d.host({ type: 'stake:open' }, T0 + 100);
    for (const t of ['zhang', 'li', 'wang']) d.team(t, { type: 'stake:pick', stake: 'pass' }, T0 + 200);
    d.host({ type: 'question:open' }, T0 + 300);
    expect(d.phase).toBe('locked');
    d.host({ type: 'question:reveal' }, T0 + 400);
    expect(d.state.core.scores).toEqual({ zhang: 100, li: 100, wang: 100 });
  });
});
