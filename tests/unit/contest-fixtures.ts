import { expect } from 'vitest';
import {
  contestConfigSchema,
  contestQuestionSchema,
  createContest,
  reduce,
  type Actor,
  type ContestConfig,
  type ContestConfigInput,
  type ContestError,
  type ContestEvent,
  type ContestQuestion,
  type ContestState,
  type LoggedCommand,
} from '../../shared/contest';

const base = {
  explanation: '这是用于测试的题目解析，说明正确答案的依据。',
  topic: 'nutrition',
  difficulty: 1,
  literacy: { edition: '2024', item: 30 },
};

/** A single-choice question whose key is `answer` (0 = A). Stems are unique so leak checks can search for them. */
export function single(id: string, answer = 1, options = ['3克', '5克', '6克', '10克']): ContestQuestion {
  return contestQuestionSchema.parse({
    ...base,
    id,
    type: 'single',
    stem: `单选题 ${id}：成年人每天食盐摄入量不超过多少克？`,
    explanation: `解析 ${id}：膳食指南建议每天不超过5克。`,
    options,
    answer: 'ABCDEF'[answer],
    revision: 1,
  }) as ContestQuestion;
}

export function multiple(id: string): ContestQuestion {
  return contestQuestionSchema.parse({
    ...base,
    id,
    type: 'multiple',
    stem: `多选题 ${id}：下列属于高血压危险因素的有？`,
    explanation: `解析 ${id}：高盐、肥胖、过量饮酒都是危险因素。`,
    options: ['高盐饮食', '超重肥胖', '规律运动', '过量饮酒'],
    answer: 'ABD',
    revision: 2,
  }) as ContestQuestion;
}

export function truefalse(id: string, answer = true): ContestQuestion {
  return contestQuestionSchema.parse({
    ...base,
    id,
    type: 'truefalse',
    stem: `判断题 ${id}：低焦油卷烟同样有害健康。`,
    explanation: `解析 ${id}：低焦油卷烟并不能降低危害。`,
    answer,
    revision: 3,
  }) as ContestQuestion;
}

export const TEAMS = [
  { id: 'zhang', name: '张家战队', members: ['张一', '张二', '张三'], county: '131003' },
  { id: 'li', name: '李家战队', county: '131002' },
  { id: 'wang', name: '王家战队' },
];

export function config(rounds: ContestConfigInput['rounds'], extra: Partial<ContestConfigInput> = {}): ContestConfig {
  return contestConfigSchema.parse({ title: '健康知识竞赛', teams: TEAMS, rounds, ...extra });
}

export const HOST: Actor = { role: 'host' };
export const SYSTEM: Actor = { role: 'system' };
export const SCREEN: Actor = { role: 'screen' };
export const team = (teamId: string): Actor => ({ role: 'team', teamId });
export const member = (memberId: string, county?: string): Actor => ({ role: 'audience', memberId, ...(county ? { county } : {}) });
export const judge = (judgeId: string): Actor => ({ role: 'judge', judgeId });

/**
 * Drives a contest the way the adapter does: applies commands with fixed clock values, keeps the log of
 * accepted ones for replay, and the events of the last one.
 */
export class Driver {
  state: ContestState;
  log: LoggedCommand[] = [];
  events: ContestEvent[] = [];
  /** Every event of every accepted command, in order. */
  allEvents: ContestEvent[] = [];

  constructor(readonly config: ContestConfig) {
    this.state = createContest(config);
  }

  ok(actor: Actor, command: unknown, now: number): ContestEvent[] {
    const r = reduce(this.state, command, { now, actor });
    if (!r.ok) throw new Error(`expected ${JSON.stringify(command)} by ${actor.role} to pass, got ${JSON.stringify(r.error)}`);
    this.state = r.state;
    this.log.push({ command, actor, now });
    this.events = r.events;
    this.allEvents.push(...r.events);
    return r.events;
  }

  /** Expects a rejection and checks that it changed nothing (deeply: audience commands work in place). */
  err(actor: Actor, command: unknown, now: number): ContestError {
    const before = this.state;
    const copy = structuredClone(before);
    const r = reduce(before, command, { now, actor });
    if (r.ok) throw new Error(`expected ${JSON.stringify(command)} by ${actor.role} to be rejected`);
    expect(this.state).toBe(before);
    expect(before).toEqual(copy);
    return r.error;
  }

  host(command: unknown, now: number) {
    return this.ok(HOST, command, now);
  }

  team(teamId: string, command: unknown, now: number) {
    return this.ok(team(teamId), command, now);
  }

  /** Fires the timer of the current phase, as the adapter does when `at` comes. */
  expire(now: number) {
    return this.ok(SYSTEM, { type: 'timer:expire', phaseId: this.state.phaseId }, now);
  }

  score(teamId: string): number {
    return this.state.core.scores[teamId]!;
  }

  get phase() {
    return this.state.core.phase;
  }

  /** The timer effect of the last command, if any. */
  get timer() {
    return this.events.find((e): e is Extract<ContestEvent, { type: 'timer' }> => e.type === 'timer');
  }
}

/** A contest with one round of each kind, used by the replay and view tests. */
export function fullConfig(): ContestConfig {
  return config([
    { id: 'r1', title: '必答题', kind: 'compulsory', questions: [single('c-1'), multiple('c-2')], timeLimitMs: 20_000 },
    {
      id: 'r2',
      title: '抢答题',
      kind: 'buzzer',
      questions: [single('b-1', 2), truefalse('b-2'), single('b-3', 0)],
      rebounds: 1,
      answerMode: 'oral',
    },
    {
      id: 'r3',
      title: '抢答题（终端作答）',
      kind: 'buzzer',
      questions: [single('d-1', 3)],
      answerMode: 'device',
    },
    { id: 'r4', title: '风险题', kind: 'risk', questions: [single('k-1', 0), truefalse('k-2', false)], stakes: [10, 20, 30], allowPass: true },
    {
      id: 'r5',
      title: '健康科普展示',
      kind: 'judged',
      judges: [
        { id: 'j1', name: '评委一' },
        { id: 'j2', name: '评委二' },
        { id: 'j3', name: '评委三' },
      ],
      aggregate: 'trimmed-mean',
      maxScore: 10,
    },
    { id: 'r6', title: '加赛', kind: 'tiebreak', questions: [single('t-1'), single('t-2', 2)] },
  ]);
}

/**
 * Plays `fullConfig()` from start to finish with audience members joining and answering throughout,
 * mistakes, corrections, an undo and a pause included.
 */
export function playFullContest(d: Driver, audience = 20): void {
  let t = 1_000_000;
  const tick = (ms = 1_000) => (t += ms);
  const counties = ['131002', '131003', '131022'];
  for (let i = 0; i < audience; i++) d.ok(member(`m${i}`), { type: 'audience:join', nickname: `观众${i}`, county: counties[i % 3] }, tick(10));
  const audienceAnswers = (key: number) => {
    for (let i = 0; i < audience; i++) {
      if (i % 5 === 4) continue; // some never answer
      d.ok(member(`m${i}`), { type: 'audience:answer', options: [i % 3 === 0 ? key : (key + 1) % 2] }, tick(37));
    }
  };

  d.host({ type: 'contest:start' }, tick());
  // 必答 1: single, key B (1)
  d.host({ type: 'question:open' }, tick());
  audienceAnswers(1);
  d.team('zhang', { type: 'answer:submit', options: [1] }, tick());
  d.team('li', { type: 'answer:submit', options: [0] }, tick());
  d.expire(tick(20_000));
  d.host({ type: 'question:reveal' }, tick());
  d.host({ type: 'question:next' }, tick());
  // 必答 2: multiple, key ABD
  d.host({ type: 'question:open' }, tick());
  d.team('zhang', { type: 'answer:submit', options: [0, 1, 3] }, tick());
  d.team('li', { type: 'answer:submit', options: [0, 1] }, tick());
  d.team('wang', { type: 'answer:submit', options: [3, 1, 0] }, tick());
  d.host({ type: 'question:reveal' }, tick());
  d.host({ type: 'round:next' }, tick());
  // 抢答 (oral, one rebound)
  d.host({ type: 'question:open' }, tick());
  audienceAnswers(2);
  d.team('wang', { type: 'buzz:press' }, tick()); // false start
  d.host({ type: 'buzz:open' }, tick());
  d.team('li', { type: 'buzz:press' }, tick(300));
  d.team('zhang', { type: 'buzz:press' }, tick(40));
  d.host({ type: 'answer:judge', verdict: 'correct' }, tick());
  d.host({ type: 'step:undo' }, tick()); // the host misheard
  d.host({ type: 'answer:judge', verdict: 'incorrect', teamId: 'li' }, tick());
  d.host({ type: 'answer:judge', verdict: 'correct', teamId: 'zhang' }, tick());
  d.host({ type: 'question:reveal' }, tick());
  d.host({ type: 'question:next' }, tick());
  d.host({ type: 'question:open' }, tick());
  d.host({ type: 'buzz:open' }, tick());
  d.expire(tick(15_000)); // nobody buzzes: dropped
  d.host({ type: 'question:reveal' }, tick());
  d.host({ type: 'question:next' }, tick());
  d.host({ type: 'question:open' }, tick());
  d.host({ type: 'buzz:open' }, tick());
  d.host({ type: 'contest:pause' }, tick());
  d.host({ type: 'score:adjust', teamId: 'wang', delta: 5, reason: '评委会复核：上一题抢跑判罚有误' }, tick(60_000));
  d.host({ type: 'contest:resume' }, tick());
  d.team('wang', { type: 'buzz:press' }, tick());
  d.expire(tick(20_000)); // timeout
  d.host({ type: 'question:reveal' }, tick());
  d.host({ type: 'round:next' }, tick());
  // 抢答 on devices
  d.host({ type: 'question:open' }, tick());
  d.host({ type: 'buzz:open' }, tick());
  d.team('zhang', { type: 'buzz:press' }, tick());
  d.team('zhang', { type: 'answer:submit', options: [3] }, tick());
  d.host({ type: 'question:reveal' }, tick());
  d.host({ type: 'round:next' }, tick());
  // 风险
  d.host({ type: 'stake:open' }, tick());
  for (const teamId of d.state.core.question!.pickOrder) {
    d.team(teamId, { type: 'stake:pick', stake: teamId === 'li' ? 'pass' : 30 }, tick());
  }
  d.host({ type: 'question:open' }, tick());
  audienceAnswers(0);
  d.team('zhang', { type: 'answer:submit', options: [0] }, tick());
  d.expire(tick(30_000));
  d.host({ type: 'question:reveal' }, tick());
  d.host({ type: 'question:next' }, tick());
  d.host({ type: 'stake:open' }, tick());
  d.expire(tick(20_000)); // the first picker runs out of time
  let proxied = false;
  while (d.phase === 'stake-picking') {
    const picker = d.state.core.question!.pickOrder.find((x) => !(x in d.state.core.question!.picks))!;
    // One team's tablet died: the host picks its stake for it.
    if (!proxied) d.host({ type: 'team:act', teamId: picker, reason: '平板没电', action: { type: 'stake:pick', stake: 20 } }, tick());
    else d.team(picker, { type: 'stake:pick', stake: 20 }, tick());
    proxied = true;
  }
  d.host({ type: 'question:open' }, tick());
  for (const teamId of d.state.core.question!.eligible) d.team(teamId, { type: 'answer:submit', options: [1] }, tick());
  d.host({ type: 'question:reveal' }, tick());
  d.host({ type: 'round:next' }, tick());
  // 评分
  for (const teamId of ['zhang', 'li', 'wang']) {
    d.host({ type: 'judging:open' }, tick());
    ['j1', 'j2', 'j3'].forEach((j, i) => d.ok(judge(j), { type: 'judge:score', teamId, score: 8 + i * 0.5 }, tick()));
    if (teamId === 'zhang') d.ok(judge('j2'), { type: 'judge:score', teamId, score: 8.4 }, tick()); // a judge changes their mind
    d.host({ type: 'judging:close' }, tick());
    if (teamId === 'li') {
      d.host({ type: 'judging:return', judgeId: 'j3', reason: '请核对分数' }, tick());
      d.ok(judge('j3'), { type: 'judge:score', teamId, score: 8.8 }, tick());
    }
    d.host({ type: 'judging:publish' }, tick());
  }
  // A ruling of the judging panel leaves the top two level: the tie-break decides first place.
  const gap = d.score('zhang') - d.score('li');
  if (gap !== 0) d.host({ type: 'score:adjust', teamId: 'li', delta: gap, reason: '仲裁组复核后调整' }, tick());
  d.host({ type: 'round:next' }, tick());
  // 加赛 between the tied teams
  if (d.state.core.tiebreak?.active) {
    d.host({ type: 'question:open' }, tick());
    d.host({ type: 'buzz:open' }, tick());
    d.team(d.state.core.tiebreak.active.teams[0]!, { type: 'buzz:press' }, tick());
    d.host({ type: 'answer:judge', verdict: 'correct' }, tick());
    d.host({ type: 'question:reveal' }, tick());
  }
  d.host({ type: 'round:next' }, tick());
}
