import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContest, reduce, replay, viewFor, type Actor, type ContestState, type LoggedCommand } from '../../shared/contest';
import { config, Driver, fullConfig, HOST, judge, member, playFullContest, SCREEN, single, SYSTEM, team } from './contest-fixtures';

const T0 = 9_000_000;
const TEAM_IDS = ['zhang', 'li', 'wang'];

describe('views', () => {
  it('shows the host the key before the reveal and nobody else', () => {
    const d = new Driver(config([{ id: 'r1', title: '必答题', kind: 'compulsory', questions: [single('c-1', 2)] }]));
    d.ok(member('m1'), { type: 'audience:join', nickname: '小明' }, T0);
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.team('li', { type: 'answer:submit', options: [2] }, T0 + 2_000);
    d.team('zhang', { type: 'answer:submit', options: [0] }, T0 + 2_000);
    const host = viewFor(d.state, HOST, T0 + 3_000);
    expect(host.question).toMatchObject({ id: 'c-1', key: [2], explanation: expect.stringContaining('解析 c-1') });
    expect(host.role === 'host' && host.teamAnswers).toMatchObject({ li: { options: [2], correct: true }, zhang: { options: [0], correct: false } });
    for (const viewer of [team('li'), team('wang'), member('m1'), SCREEN, judge('j1')]) {
      const v = viewFor(d.state, viewer, T0 + 3_000);
      expect(v.question, viewer.role).toMatchObject({ id: 'r1-1', stem: expect.stringContaining('c-1'), options: ['3克', '5克', '6克', '10克'] });
      expect(v.question!.key).toBeUndefined();
      expect(JSON.stringify(v)).not.toContain('解析 c-1');
      // Who answered is public; what they answered is not.
      expect(v.answered).toEqual(['li', 'zhang']);
      expect(v.results).toBeNull();
    }
    const li = viewFor(d.state, team('li'), T0 + 3_000);
    expect(li.role === 'team' && li.me.answer).toEqual([2]);
    expect(JSON.stringify(li)).not.toContain('"options":[0]');
    expect(viewFor(d.state, team('wang'), T0 + 3_000)).toMatchObject({ remainingMs: 28_000, deadline: T0 + 31_000 });

    d.host({ type: 'answer:lock' }, T0 + 4_000);
    d.host({ type: 'question:reveal' }, T0 + 5_000);
    const after = viewFor(d.state, team('wang'), T0 + 5_000);
    expect(after.question).toMatchObject({ key: [2], explanation: expect.stringContaining('解析 c-1') });
    expect(after.results).toEqual([
      { teamId: 'zhang', options: [0], correct: false, delta: 0 },
      { teamId: 'li', options: [2], correct: true, delta: 10 },
      { teamId: 'wang', options: null, correct: false, delta: 0 },
    ]);
    expect(after.teams.map((t) => [t.id, t.score, t.rank])).toEqual([
      ['zhang', 100, 2],
      ['li', 110, 1],
      ['wang', 100, 2],
    ]);
  });

  it('hides a right device answer in a buzzer round until the reveal', () => {
    const d = new Driver(config([{ id: 'r1', title: '抢答', kind: 'buzzer', answerMode: 'device', questions: [single('b-1', 3)] }]));
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.host({ type: 'buzz:open' }, T0 + 2_000);
    d.team('li', { type: 'buzz:press' }, T0 + 2_100);
    expect(viewFor(d.state, team('li'), T0 + 2_200)).toMatchObject({ me: { answering: true, buzzPosition: 1, canBuzz: false } });
    d.team('li', { type: 'answer:submit', options: [3] }, T0 + 3_000);
    const screen = viewFor(d.state, SCREEN, T0 + 3_100);
    expect(screen.buzz!.attempts).toEqual([{ teamId: 'li', verdict: 'correct', delta: 10, rebound: false }]);
    expect(viewFor(d.state, HOST, T0 + 3_100).buzz!.attempts[0]!.options).toEqual([3]);
    d.host({ type: 'question:reveal' }, T0 + 4_000);
    expect(viewFor(d.state, SCREEN, T0 + 4_100).buzz!.attempts[0]!.options).toEqual([3]);
  });
});

// ── property: random command sequences never leak a key ─────────────────────────────────────────

const step = fc.noBias(
  fc.record({ guided: fc.integer({ min: 0, max: 9 }), pick: fc.nat({ max: 1_000 }), arg: fc.nat({ max: 1_000 }), dt: fc.integer({ min: 0, max: 25_000 }) }),
);

/** A move that takes the contest forward from where it is (what a host, teams and judges would do next). */
function guidedMove(state: ContestState, arg: number): { actor: Actor; command: unknown } {
  const { core, config } = state;
  const round = config.rounds[core.roundIndex];
  const q = core.question;
  const pickOf = <T>(list: readonly T[]) => list[arg % list.length]!;
  if (state.pausedAt !== null) return { actor: HOST, command: { type: 'contest:resume' } };
  // The audience plays along whenever a question is on screen.
  if (q?.openingId != null && !q.revealed && arg % 3 === 0) {
    return { actor: member(`m${arg % 4}`), command: { type: 'audience:answer', options: [arg % 3], openingId: q.openingId } };
  }
  switch (core.phase) {
    case 'lobby':
      return arg % 3 ? { actor: HOST, command: { type: 'contest:start' } } : { actor: member(`m${arg % 4}`, '131003'), command: { type: 'audience:join', nickname: '观众' } };
    case 'round-intro':
    case 'question-ready':
      if (round?.kind === 'risk') return { actor: HOST, command: { type: 'stake:open' } };
      if (round?.kind === 'judged') return { actor: HOST, command: { type: 'judging:open' } };
      if (round?.kind === 'tiebreak' && !core.tiebreak?.active) return { actor: HOST, command: { type: 'round:next' } };
      return { actor: HOST, command: { type: 'question:open' } };
    case 'stake-picking': {
      const picker = q!.pickOrder.find((t) => !(t in q!.picks))!;
      return { actor: team(picker), command: { type: 'stake:pick', stake: pickOf([10, 20, 30, 'pass']) } };
    }
    case 'stakes-locked':
      return { actor: HOST, command: { type: 'question:open' } };
    case 'question-shown':
      return arg % 5 ? { actor: HOST, command: { type: 'buzz:open' } } : { actor: team(pickOf(q!.eligible)), command: { type: 'buzz:press' } };
    case 'buzz-open':
      return arg % 4 ? { actor: team(pickOf(q!.eligible)), command: { type: 'buzz:press' } } : { actor: SYSTEM, command: { type: 'timer:expire', phaseId: state.phaseId } };
    case 'answering':
      if (round && (round.kind === 'buzzer' || round.kind === 'tiebreak')) {
        if (round.answerMode === 'oral') return { actor: HOST, command: { type: 'answer:judge', verdict: arg % 2 ? 'correct' : 'incorrect' } };
        return { actor: team(q!.answering!), command: { type: 'answer:submit', options: [arg % 4] } };
      }
      return { actor: team(pickOf(q!.eligible)), command: { type: 'answer:submit', options: [arg % 2] } };
    case 'locked':
      return { actor: HOST, command: { type: 'question:reveal' } };
    case 'revealed':
      return { actor: HOST, command: { type: arg % 3 ? 'question:next' : 'round:next' } };
    case 'judging':
      // Judges score (and change scores); the host closes, sends one back, publishes.
      if (core.judging!.closed && arg % 5 === 0) return { actor: HOST, command: { type: 'judging:return', judgeId: pickOf(['j1', 'j2', 'j3']), reason: '请核对' } };
      if (core.judging!.closed && arg % 5 < 3) return { actor: HOST, command: { type: 'judging:publish' } };
      if (arg % 4 === 0) return { actor: HOST, command: { type: 'judging:close' } };
      return { actor: judge(pickOf(['j1', 'j2', 'j3'])), command: { type: 'judge:score', teamId: core.judging!.teamId, score: arg % 11 } };
    case 'scored':
      return { actor: HOST, command: { type: arg % 3 ? 'judging:open' : 'round:next' } };
    case 'finished':
      return { actor: HOST, command: { type: 'step:undo' } };
  }
}

/** Turns random numbers into a command: mostly a move forward, sometimes anything at all. */
function commandFor(state: ContestState, guided: number, pick: number, arg: number): { actor: Actor; command: unknown } {
  if (guided < 7) return guidedMove(state, arg);
  const teamId = TEAM_IDS[arg % 3]!;
  const choices: (() => { actor: Actor; command: unknown })[] = [
    () => ({ actor: HOST, command: { type: 'question:open' } }),
    () => ({ actor: HOST, command: { type: 'buzz:open' } }),
    () => ({ actor: HOST, command: { type: 'answer:lock' } }),
    () => ({ actor: HOST, command: { type: 'answer:judge', verdict: arg % 2 ? 'correct' : 'incorrect' } }),
    () => ({ actor: HOST, command: { type: 'question:reveal' } }),
    () => ({ actor: HOST, command: { type: 'question:next' } }),
    () => ({ actor: HOST, command: { type: 'round:next' } }),
    () => ({ actor: HOST, command: { type: 'score:adjust', teamId, delta: (arg % 7) - 3 || 1, reason: '复核' } }),
    () => ({ actor: HOST, command: { type: 'step:undo' } }),
    () => ({ actor: HOST, command: { type: 'step:undo' } }),
    () => ({ actor: HOST, command: { type: arg % 2 ? 'contest:pause' : 'contest:resume' } }),
    () => ({ actor: team(teamId), command: { type: 'answer:submit', options: [arg % 4] } }),
    () => ({ actor: team(teamId), command: { type: 'answer:submit', options: [0, 1, 3].slice(0, 1 + (arg % 3)) } }),
    () => ({ actor: team(teamId), command: { type: 'buzz:press' } }),
    () => ({ actor: team(teamId), command: { type: 'stake:pick', stake: [10, 20, 30, 'pass'][arg % 4] } }),
    () => ({ actor: member(`m${arg % 4}`, '131003'), command: { type: 'audience:join', nickname: '观众' } }),
    () => ({ actor: member(`m${arg % 4}`), command: { type: 'audience:answer', options: [arg % 3] } }),
    () => ({ actor: judge(`j${1 + (arg % 3)}`), command: { type: 'judge:score', teamId: state.core.judging?.teamId ?? teamId, score: arg % 11 } }),
    () => ({ actor: HOST, command: { type: 'tiebreak:restart' } }),
    () => ({ actor: HOST, command: { type: 'team:act', teamId, reason: '设备故障', action: [{ type: 'buzz:press' }, { type: 'answer:submit', options: [arg % 4] }, { type: 'stake:pick', stake: [10, 20, 30][arg % 3] }][arg % 3] } }),
    () => ({ actor: SYSTEM, command: { type: 'timer:expire', phaseId: state.phaseId } }),
    () => ({ actor: SYSTEM, command: { type: 'timer:expire', phaseId: Math.max(0, state.phaseId - 1 - (arg % 3)) } }),
  ];
  return choices[pick % choices.length]!();
}

const VIEWERS: Actor[] = [team('zhang'), team('li'), team('wang'), member('m0'), member('m3'), SCREEN, judge('j1')];

/** Checks what every non-host viewer may see right now. */
function checkViews(state: ContestState, now: number): void {
  const cfg = state.config;
  const revealedIds = new Set(state.core.openings.filter((o) => o.revealed).map((o) => o.questionId));
  const shownIds = new Set(state.core.openings.map((o) => o.questionId));
  const q = state.core.question;
  for (const viewer of VIEWERS) {
    const view = viewFor(state, viewer, now);
    const json = JSON.stringify(view);
    for (const round of cfg.rounds) {
      if (round.kind === 'judged') continue;
      for (const question of round.questions) {
        // An explanation appears only once its question has been revealed, and a stem only once it has been
        // shown. (Plain throws: this runs ~10^6 times per suite and matcher calls dominate otherwise.)
        if (!revealedIds.has(question.id) && json.includes(question.explanation)) throw new Error(`${viewer.role} sees the explanation of ${question.id}`);
        if (!shownIds.has(question.id) && json.includes(question.stem)) throw new Error(`${viewer.role} sees the hidden stem of ${question.id}`);
      }
    }
    // The bank's question id never reaches a player, revealed or not.
    if (view.question && cfg.rounds.some((r) => r.kind !== 'judged' && r.questions.some((bq) => bq.id === view.question!.id))) throw new Error(`${viewer.role} sees the bank id ${view.question.id}`);
    if (q && !q.revealed) {
      if (view.question?.key !== undefined || view.question?.explanation !== undefined) throw new Error(`${viewer.role} sees the key`);
      if (view.results !== null) throw new Error(`${viewer.role} sees results before the reveal`);
      if ((view.buzz?.attempts ?? []).some((a) => a.options !== undefined)) throw new Error(`${viewer.role} sees a device answer`);
      // Another team's pending answer never reaches a team (its own is in \`me.answer\`).
      if (viewer.role === 'team' && view.role === 'team') {
        for (const [other, answer] of Object.entries(q.answers)) {
          if (other !== viewer.teamId && json.includes(JSON.stringify(answer))) throw new Error(`${viewer.teamId} sees ${other}'s answer`);
        }
        if (view.me.answer && !q.answers[viewer.teamId]) throw new Error('a team sees an answer it did not give');
      }
    }
  }
}

describe('properties', () => {
  it('no sequence of commands leaks a key, an explanation or a hidden question; rejections change nothing; replay equals live', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 250, size: 'max' }), (steps) => {
        let state = createContest(fullConfig());
        let now = T0;
        const log: LoggedCommand[] = [];
        for (const s of steps) {
          now += s.dt;
          const { actor, command } = commandFor(state, s.guided, s.pick, s.arg);
          // The config is frozen by construction; everything else must survive a rejection unchanged.
          // (The core is copied, never mutated, so a snapshot of it plus the audience covers any change.)
          const snapshot = () =>
            JSON.stringify([state.core, state.audience, state.pausedAt, state.phaseId, state.seq, state.journal.length, state.undo.length]);
          const before = snapshot();
          const r = reduce(state, command, { now, actor });
          if (!r.ok) {
            expect(snapshot()).toBe(before);
            continue;
          }
          log.push({ command, actor, now });
          state = r.state;
          checkViews(state, now);
          // Invariants: phase ids never go back; a timer is only ever set for the current phase.
          for (const e of r.events) if (e.type === 'timer') expect(e.phaseId).toBe(state.phaseId);
        }
        const replayed = replay(fullConfig(), log);
        expect(replayed.ok).toBe(true);
        expect(replayed.state).toEqual(state);
      }),
      { numRuns: 150, seed: 20240301 },
    );
    // 150 fixed runs of up to 250 commands: pure CPU work, ~5 s alone, several times that on a loaded 2-core machine.
  }, 120_000);

  it('a whole scripted contest leaks nothing at any step', () => {
    const d = new Driver(fullConfig());
    const original = d.ok.bind(d);
    d.ok = (actor, command, now) => {
      const events = original(actor, command, now);
      checkViews(d.state, now);
      return events;
    };
    playFullContest(d, 8);
    expect(d.phase).toBe('finished');
  });
});
