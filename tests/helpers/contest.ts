import type { ContestDetail, ContestDraft } from '../../shared/contest/draft';
import { login, type Staff } from './http';


export const STAFF_PASSWORD = 'Organizer-2026';

/** Eight Langfang family teams. */
export const TEAMS = [
  { id: 't1', name: '张家战队', county: '131003', members: ['张伟', '李娜', '张小明'] },
  { id: 't2', name: '王家战队', county: '131002', members: ['王强', '刘芳', '王小红'] },
  { id: 't3', name: '李家战队', county: '131022', members: ['李军', '陈静', '李乐乐'] },
  { id: 't4', name: '赵家战队', county: '131023', members: ['赵磊', '孙丽', '赵一一'] },
  { id: 't5', name: '刘家战队', county: '131024', members: ['刘洋', '周敏', '刘星'] },
  { id: 't6', name: '陈家战队', county: '131025', members: ['陈刚', '吴霞', '陈晨'] },
  { id: 't7', name: '杨家战队', county: '131026', members: ['杨帆', '郑洁', '杨光'] },
  { id: 't8', name: '黄家战队', county: '131081', members: ['黄河', '王梅', '黄豆'] },
];

/** Makes a question set of `n` active questions of a type and returns its id. */
export async function makeSet(staff: Staff, name: string, type: 'single' | 'truefalse' | 'multiple', n: number, pageNo = 1): Promise<string> {
  const page = (await (await staff.request(`/api/bank/questions?type=${type}&status=active&pageSize=${n}&page=${pageNo}`)).json()) as { data: { items: { question: { id: string } }[] } };
  const res = await staff.request('/api/bank/sets', { method: 'POST', json: { name, questionIds: page.data.items.map((e) => e.question.id) } });
  return ((await res.json()) as { data: { id: string } }).data.id;
}

/**
 * The draft's rounds with every phase timer five minutes long (a judged round has none): no timer runs out under a
 * browser test, however slow a step (a screenshot on a loaded machine) is, so the contest moves only when the test
 * moves it. For `setUpContest`'s overrides.
 */
export function untimed(draft: ContestDraft): Partial<ContestDraft> {
  const long = 300_000;
  return {
    rounds: draft.rounds.map((r) =>
      r.kind === 'compulsory' ? { ...r, timeLimitMs: long } : r.kind === 'risk' ? { ...r, stakeTimeMs: long, timeLimitMs: long } : r.kind === 'judged' ? r : { ...r, buzzWindowMs: long, answerTimeMs: long },
    ),
  };
}

/**
 * Signs in as the admin of a test server started with ADMIN_USERNAME=admin / ADMIN_PASSWORD=STAFF_PASSWORD
 * and creates a contest: 必答, 抢答 (oral, one rebound), 风险, 评分 (3 judges) and 加赛, 8 teams,
 * audience from Langfang's counties. Returns the organizer session and the contest's detail (PIN, links).
 * `overrides` replaces fields of that draft; as a function it gets the draft (with its question sets) to derive them
 * from, e.g. the same rounds with other timers.
 */
export async function setUpContest(
  server: { url: string },
  overrides: Partial<ContestDraft> | ((draft: ContestDraft) => Partial<ContestDraft>) = {},
): Promise<{ staff: Staff; detail: ContestDetail }> {
  const staff = await login(server, 'admin', STAFF_PASSWORD);
  const compulsory = await makeSet(staff, '必答题', 'single', 2);
  const buzzer = await makeSet(staff, '抢答题', 'truefalse', 2);
  const risk = await makeSet(staff, '风险题', 'multiple', 2);
  const tiebreak = await makeSet(staff, '加赛题', 'truefalse', 2, 2);
  const defaults: ContestDraft = {
    title: '廊坊市健康知识家庭挑战赛决赛',
    rehearsal: true,
    baseScore: 100,
    regionCode: '131000',
    teams: TEAMS,
    rounds: [
      { id: 'r1', kind: 'compulsory', title: '必答题', setId: compulsory, timeLimitMs: 30_000 },
      { id: 'r2', kind: 'buzzer', title: '抢答题', setId: buzzer, rebounds: 1 },
      { id: 'r3', kind: 'risk', title: '风险题', setId: risk, stakes: [10, 20, 30] },
      { id: 'r4', kind: 'judged', title: '健康科普表演', judges: [{ id: 'j1', name: '评委一' }, { id: 'j2', name: '评委二' }, { id: 'j3', name: '评委三' }], aggregate: 'trimmed-mean', maxScore: 10, teams: ['t1', 't2'] },
      { id: 'r5', kind: 'tiebreak', title: '加赛', setId: tiebreak },
    ],
  };
  const draft: ContestDraft = { ...defaults, ...(typeof overrides === 'function' ? overrides(defaults) : overrides) };
  const created = await staff.request('/api/contests', { method: 'POST', json: draft });
  const body = (await created.json()) as { ok: boolean; data: { id: string }; error?: unknown };
  if (!body.ok) throw new Error(`contest setup failed: ${JSON.stringify(body.error)}`);
  const detail = (await (await staff.request(`/api/contests/${body.data.id}`)).json()) as { data: ContestDetail };
  return { staff, detail: detail.data };
}

/** The `t` token of a team or judge link. */
export const tokenOf = (url: string) => new URL(url).searchParams.get('t')!;
