import { describe, expect, it } from 'vitest';
import { createContest, replay, standings, viewFor, type ContestState } from '../../shared/contest';
import { Driver, fullConfig, HOST, member, playFullContest, SCREEN, team } from './contest-fixtures';

describe('replay', () => {
  it('rebuilds a whole contest from its log, identical to the live state', () => {
    const live = new Driver(fullConfig());
    playFullContest(live, 30);
    expect(live.phase).toBe('finished');
    // The script covers every round kind, a rebound, a drop, a timeout, a pause, corrections, an undo and a tie-break.
    const types = new Set(live.state.journal.map((e) => e.type));
    for (const t of ['false-start', 'judgement', 'dropped', 'stake', 'judged', 'correction', 'undo', 'pause', 'resume', 'tiebreak', 'finish']) {
      expect(types, t).toContain(t);
    }
    // zhang and li were level; the tie-break split them without touching their scores.
    expect(live.state.core.tiebreak!.resolved).toEqual([[['zhang'], ['li']]]);
    expect(live.state.core.scores.zhang).toBe(live.state.core.scores.li);
    expect(standings(live.state).map((s) => [s.teamId, s.rank])).toEqual([
      ['zhang', 1],
      ['li', 2],
      ['wang', 3],
    ]);

    const r = replay(fullConfig(), live.log);
    expect(r.ok).toBe(true);
    expect(r.state).toEqual(live.state);
    const now = live.log.at(-1)!.now;
    for (const viewer of [HOST, SCREEN, team('li'), member('m7')]) expect(viewFor(r.state, viewer, now)).toEqual(viewFor(live.state, viewer, now));
  });

  it('replays at any point mid-question: same phase, deadline, answers and remaining time', () => {
    const live = new Driver(fullConfig());
    playFullContest(live, 10);
    for (const cut of [5, 40, 77, 120, live.log.length - 10]) {
      const partial = live.log.slice(0, cut);
      const ref = replay(fullConfig(), partial);
      expect(ref.ok).toBe(true);
      // Crash recovery from a JSON snapshot plus the tail of the log gives the same state as the full log.
      const mid = Math.floor(cut / 2);
      const head = replay(fullConfig(), partial.slice(0, mid));
      const snapshot = JSON.parse(JSON.stringify(head.state)) as ContestState;
      const resumed = replay(fullConfig(), partial.slice(mid), snapshot);
      expect(resumed.ok).toBe(true);
      expect(resumed.state).toEqual(ref.state);
    }
  });

  it('reports where a log and the engine disagree', () => {
    const live = new Driver(fullConfig());
    playFullContest(live, 0);
    const log = [...live.log];
    log.splice(3, 0, { command: { type: 'question:reveal' }, actor: HOST, now: log[2]!.now });
    const r = replay(fullConfig(), log);
    expect(r).toMatchObject({ ok: false, index: 3, error: { code: 'contest/wrong-phase' } });
    expect(r.state.seq).toBe(3);
    expect(replay(fullConfig(), []).state).toEqual(createContest(fullConfig()));
  });
});
