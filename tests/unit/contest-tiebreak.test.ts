import { describe, expect, it } from 'vitest';
import { standings, viewFor } from '../../shared/contest';
import { config, Driver, single, team, TEAMS } from './contest-fixtures';

const T0 = 4_000_000;
const FOUR = [...TEAMS, { id: 'zhao', name: '赵家战队' }];

/** A contest whose only round is a tie-break, entered with the given scores. */
function tiebreak(scores: Record<string, number>, extra: Record<string, unknown> = {}) {
  const d = new Driver(
    config(
      [
        { id: 'r0', title: '必答题', kind: 'compulsory', questions: [single('c-1')] },
        { id: 'r1', title: '加赛', kind: 'tiebreak', questions: [single('t-1', 1), single('t-2', 2), single('t-3', 3)], ...extra },
      ],
      { teams: FOUR },
    ),
  );
  d.host({ type: 'contest:start' }, T0);
  let t = T0;
  for (const [teamId, score] of Object.entries(scores)) {
    if (score !== 100) d.host({ type: 'score:adjust', teamId, delta: score - 100, reason: '前几轮得分' }, ++t);
  }
  d.host({ type: 'round:next' }, T0 + 100);
  return d;
}

const ranks = (d: Driver) => standings(d.state).map((s) => `${s.rank}:${s.teamId}:${s.score}`);

describe('tie-break round (加赛)', () => {
  it('plays off only the tied teams, decides their order and leaves every score alone', () => {
    const d = tiebreak({ zhang: 130, li: 120, wang: 120, zhao: 100 });
    expect(d.state.core.tiebreak).toEqual({ pending: [], active: { teams: ['li', 'wang'], top: [], bottom: [] }, resolved: [] });
    expect(ranks(d)).toEqual(['1:zhang:130', '2:li:120', '2:wang:120', '4:zhao:100']);
    d.host({ type: 'question:open' }, T0 + 1_000);
    expect(d.state.core.question!.eligible).toEqual(['li', 'wang']);
    d.host({ type: 'buzz:open' }, T0 + 2_000);
    expect(d.err(team('zhang'), { type: 'buzz:press' }, T0 + 2_100)).toEqual({ code: 'contest/not-in-tiebreak' });
    expect(viewFor(d.state, team('zhang'), T0 + 2_100)).toMatchObject({ me: { canBuzz: false } });
    expect(viewFor(d.state, team('wang'), T0 + 2_100)).toMatchObject({ me: { canBuzz: true } });
    d.team('wang', { type: 'buzz:press' }, T0 + 2_200);
    d.host({ type: 'answer:judge', verdict: 'correct' }, T0 + 4_000);
    expect(d.events).toContainEqual({ type: 'tiebreak', teamId: 'wang', outcome: 'win' });
    expect(d.events).toContainEqual({ type: 'judgement', teamId: 'wang', verdict: 'correct', delta: 0, rebound: false });
    expect(d.state.core.scores).toEqual({ zhang: 130, li: 120, wang: 120, zhao: 100 });
    expect(ranks(d)).toEqual(['1:zhang:130', '2:wang:120', '3:li:120', '4:zhao:100']);
    expect(d.state.core.tieOrder).toEqual({ wang: 0, li: 1 });
    expect(d.state.core.tiebreak!.resolved).toEqual([[['wang'], ['li']]]);
    d.host({ type: 'question:reveal' }, T0 + 5_000);
    // Nothing left to play off.
    expect(d.err({ role: 'host' }, { type: 'question:next' }, T0 + 6_000)).toEqual({ code: 'contest/no-tie' });
    d.host({ type: 'round:next' }, T0 + 6_000);
    expect(d.phase).toBe('finished');
    expect(d.state.journal.at(-1)).toMatchObject({
      type: 'finish',
      standings: [
        { teamId: 'zhang', rank: 1 },
        { teamId: 'wang', rank: 2 },
        { teamId: 'li', rank: 3 },
        { teamId: 'zhao', rank: 4 },
      ],
    });
  });

  it('sudden death among three: a wrong answer or a timeout ranks a team last, a false start costs the question but no points', () => {
    const d = tiebreak({ zhang: 110, li: 110, wang: 110, zhao: 90 }, { answerMode: 'device' });
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.team('li', { type: 'buzz:press' }, T0 + 1_500); // false start
    expect(d.score('li')).toBe(110);
    d.host({ type: 'buzz:open' }, T0 + 2_000);
    expect(d.err(team('li'), { type: 'buzz:press' }, T0 + 2_050)).toEqual({ code: 'contest/buzz-excluded' });
    d.team('zhang', { type: 'buzz:press' }, T0 + 2_100);
    d.team('zhang', { type: 'answer:submit', options: [0] }, T0 + 3_000); // wrong
    expect(d.phase).toBe('locked'); // no rebound in a tie-break
    expect(d.state.core.tiebreak!.active).toEqual({ teams: ['li', 'wang'], top: [], bottom: ['zhang'] });
    d.host({ type: 'question:reveal' }, T0 + 4_000);
    d.host({ type: 'question:next' }, T0 + 5_000);
    d.host({ type: 'question:open' }, T0 + 6_000);
    expect(d.state.core.question!.eligible).toEqual(['li', 'wang']);
    d.host({ type: 'buzz:open' }, T0 + 7_000);
    d.team('li', { type: 'buzz:press' }, T0 + 7_100);
    d.expire(T0 + 27_100); // li runs out of time
    expect(d.state.core.tiebreak!.resolved).toEqual([[['wang'], ['li'], ['zhang']]]);
    expect(ranks(d)).toEqual(['1:wang:110', '2:li:110', '3:zhang:110', '4:zhao:90']);
  });

  it('plays off several tied groups in rank order; teams left tied when the questions run out share a rank', () => {
    const d = tiebreak({ zhang: 120, li: 120, wang: 90, zhao: 90 });
    expect(d.state.core.tiebreak!.active!.teams).toEqual(['zhang', 'li']);
    expect(d.state.core.tiebreak!.pending).toEqual([['wang', 'zhao']]);
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.host({ type: 'buzz:open' }, T0 + 2_000);
    d.team('li', { type: 'buzz:press' }, T0 + 2_100);
    d.host({ type: 'answer:judge', verdict: 'incorrect' }, T0 + 3_000);
    expect(d.state.core.tiebreak!.active!.teams).toEqual(['wang', 'zhao']);
    d.host({ type: 'question:reveal' }, T0 + 4_000);
    d.host({ type: 'question:next' }, T0 + 5_000);
    d.host({ type: 'question:open' }, T0 + 6_000);
    d.host({ type: 'buzz:open' }, T0 + 7_000);
    d.expire(T0 + 22_000); // nobody buzzes: still tied
    d.host({ type: 'question:reveal' }, T0 + 23_000);
    d.host({ type: 'round:next' }, T0 + 24_000);
    expect(ranks(d)).toEqual(['1:zhang:120', '2:li:120', '3:wang:90', '3:zhao:90']);
    expect(d.state.core.scores).toEqual({ zhang: 120, li: 120, wang: 90, zhao: 90 });
  });

  it('only plays off ties that reach the prize places; with none, there is nothing to open', () => {
    const d = tiebreak({ zhang: 130, li: 120, wang: 100, zhao: 100 }, { places: 2 });
    expect(d.state.core.tiebreak).toEqual({ pending: [], active: null, resolved: [] });
    expect(d.err({ role: 'host' }, { type: 'question:open' }, T0 + 1_000)).toEqual({ code: 'contest/no-tie' });
    d.host({ type: 'round:next' }, T0 + 2_000);
    expect(d.phase).toBe('finished');
  });
});
