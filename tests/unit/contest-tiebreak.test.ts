import { describe, expect, it } from 'vitest';
import { standings, viewFor } from '../../shared/contest';
import { config, Driver, HOST, single, team, TEAMS } from './contest-fixtures';

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
    expect(d.state.core.tiebreak).toEqual({ pending: [], active: { all: ['li', 'wang'], teams: ['li', 'wang'], top: [], bottom: [] }, stale: false, resolved: [] });
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
    expect(d.state.core.playoffs).toEqual([{ teams: ['li', 'wang'], order: [['wang'], ['li']] }]);
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
    expect(d.state.core.tiebreak!.active).toEqual({ all: ['zhang', 'li', 'wang'], teams: ['li', 'wang'], top: [], bottom: ['zhang'] });
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
    expect(d.state.core.tiebreak).toEqual({ pending: [], active: null, stale: false, resolved: [] });
    expect(d.err({ role: 'host' }, { type: 'question:open' }, T0 + 1_000)).toEqual({ code: 'contest/no-tie' });
    d.host({ type: 'round:next' }, T0 + 2_000);
    expect(d.phase).toBe('finished');
  });

  it('ranks follow the scores: tied teams share a rank (1, 2, 2, 4) and a correction moves ranks at once', () => {
    const d = tiebreak({ zhang: 120, li: 90, wang: 90, zhao: 80 });
    expect(ranks(d)).toEqual(['1:zhang:120', '2:li:90', '2:wang:90', '4:zhao:80']);
    d.host({ type: 'score:adjust', teamId: 'zhao', delta: 10, reason: '复核第3题' }, T0 + 200);
    expect(ranks(d)).toEqual(['1:zhang:120', '2:li:90', '2:wang:90', '2:zhao:90']);
    // Every view carries the same shared rank.
    expect(viewFor(d.state, team('zhao'), T0 + 300).teams.map((t) => t.rank)).toEqual([1, 2, 2, 2]);
  });

  it('a correction at the tie-break intro that makes a three-way tie plays off all three', () => {
    const d = tiebreak({ zhang: 120, li: 90, wang: 90, zhao: 80 });
    expect(d.state.core.tiebreak!.active!.teams).toEqual(['li', 'wang']);
    d.host({ type: 'score:adjust', teamId: 'zhao', delta: 10, reason: '复核第3题' }, T0 + 200);
    expect(d.state.core.tiebreak).toMatchObject({ active: { all: ['li', 'wang', 'zhao'], teams: ['li', 'wang', 'zhao'] }, stale: false, pending: [] });
    d.host({ type: 'question:open' }, T0 + 1_000);
    expect(d.state.core.question!.eligible).toEqual(['li', 'wang', 'zhao']);
    d.host({ type: 'buzz:open' }, T0 + 2_000);
    d.team('zhao', { type: 'buzz:press' }, T0 + 2_100);
    d.host({ type: 'answer:judge', verdict: 'correct' }, T0 + 3_000);
    d.host({ type: 'question:reveal' }, T0 + 3_500);
    d.host({ type: 'question:next' }, T0 + 4_000);
    d.host({ type: 'question:open' }, T0 + 5_000);
    d.host({ type: 'buzz:open' }, T0 + 6_000);
    d.team('li', { type: 'buzz:press' }, T0 + 6_100);
    d.host({ type: 'answer:judge', verdict: 'incorrect' }, T0 + 7_000);
    expect(ranks(d)).toEqual(['1:zhang:120', '2:zhao:90', '3:wang:90', '4:li:90']);
    // Undoing the correction brings back the two-team tie the playoff does not decide: shared ranks again.
    d.host({ type: 'question:reveal' }, T0 + 7_500);
    d.host({ type: 'round:next' }, T0 + 8_000);
    expect(d.phase).toBe('finished');
    expect(d.state.journal.at(-1)).toMatchObject({ type: 'finish', standings: [{ rank: 1 }, { rank: 2 }, { rank: 3 }, { rank: 4 }] });
    d.host({ type: 'score:adjust', teamId: 'zhao', delta: -10, reason: '撤回复核' }, T0 + 9_000);
    expect(ranks(d)).toEqual(['1:zhang:120', '2:li:90', '2:wang:90', '4:zhao:80']);
  });

  it('a correction while the tie-break is playing tells the host; a restart plays off the group the scores make now', () => {
    const d = tiebreak({ zhang: 120, li: 90, wang: 90, zhao: 80 });
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.host({ type: 'buzz:open' }, T0 + 2_000);
    // A correction lands while the question is in flight: the active group cannot change under it.
    d.host({ type: 'score:adjust', teamId: 'zhao', delta: 10, reason: '复核第3题' }, T0 + 2_050);
    expect(d.events).toContainEqual({ type: 'tiebreak-stale' });
    expect(d.state.core.tiebreak).toMatchObject({ active: { all: ['li', 'wang'] }, stale: true, pending: [['li', 'wang', 'zhao']] });
    expect(viewFor(d.state, HOST, T0 + 2_060).tiebreak!.stale).toBe(true);
    // Ranks are right even before the restart: the three share second.
    expect(ranks(d)).toEqual(['1:zhang:120', '2:li:90', '2:wang:90', '2:zhao:90']);
    expect(d.err(HOST, { type: 'tiebreak:restart' }, T0 + 2_100)).toEqual({ code: 'contest/question-in-flight' });
    d.host({ type: 'answer:lock' }, T0 + 2_200); // nobody buzzed: dropped
    d.host({ type: 'question:reveal' }, T0 + 2_300);
    d.host({ type: 'tiebreak:restart' }, T0 + 2_400);
    expect(d.state.core.tiebreak).toMatchObject({ active: { all: ['li', 'wang', 'zhao'], teams: ['li', 'wang', 'zhao'] }, stale: false, pending: [] });
    expect(d.state.journal.at(-1)).toMatchObject({ type: 'tiebreak-restart', teams: ['li', 'wang', 'zhao'] });
    d.host({ type: 'question:next' }, T0 + 3_000);
    d.host({ type: 'question:open' }, T0 + 4_000);
    expect(d.state.core.question!.eligible).toEqual(['li', 'wang', 'zhao']);
    // Undoing the open, the next and the restart brings back the stale group.
    d.host({ type: 'step:undo' }, T0 + 4_100);
    d.host({ type: 'step:undo' }, T0 + 4_200);
    d.host({ type: 'step:undo' }, T0 + 4_300);
    expect(d.state.core.tiebreak).toMatchObject({ stale: true });
  });

  it('a correction that breaks the tie after a playoff makes the playoff stop counting', () => {
    const d = tiebreak({ zhang: 120, li: 90, wang: 90, zhao: 80 });
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.host({ type: 'buzz:open' }, T0 + 2_000);
    d.team('li', { type: 'buzz:press' }, T0 + 2_100);
    d.host({ type: 'answer:judge', verdict: 'correct' }, T0 + 3_000);
    expect(ranks(d)).toEqual(['1:zhang:120', '2:li:90', '3:wang:90', '4:zhao:80']);
    d.host({ type: 'score:adjust', teamId: 'zhang', delta: -30, reason: '复核' }, T0 + 4_000);
    // Now zhang, li and wang are tied at 90: the two-team playoff no longer decides it.
    expect(ranks(d)).toEqual(['1:zhang:90', '1:li:90', '1:wang:90', '4:zhao:80']);
    expect(d.state.core.tiebreak).toMatchObject({ active: { all: ['zhang', 'li', 'wang'] }, stale: false });
  });
});
