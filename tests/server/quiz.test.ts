import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrawnQuestion } from '../../shared/quiz/campaign';
import { answerIndexes, type Question } from '../../shared/bank/question';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

const PASSWORD = 'Organizer-2026';
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 10, 20, 2, 0, 0); // 10:00 China time

interface Started {
  token: string;
  recoveryCode?: string;
  attemptId: string;
  deadline: number;
  questions: { type: string; stem: string; options: string[] }[];
}

describe('online quiz: draw → answer → submit → statistics', () => {
  // The server's clock only moves forward (a rate limiter's bucket would not survive it going back), by whole
  // days and minutes from 10:00 China time: no test crosses a China midnight it does not mean to. Each test
  // starts where the clock is, with a campaign open around it and participants of its own (`freshCampaign`).
  let clock = T0;
  let server: TestServer;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const starter = (campaignId: string) => (body: Record<string, unknown>) => post(`/api/quiz/${campaignId}/attempts`, body);
  const submitter = (campaignId: string) => (a: { attemptId: string; token: string }, answers: unknown) => post(`/api/quiz/${campaignId}/attempts/${a.attemptId}/submit`, { answers }, { 'x-participant-token': a.token });

  /** The right answers of an attempt as shown positions, read from the server's own records. */
  async function key(attemptId: string): Promise<number[][]> {
    const row = (await server.database.client.execute({ sql: 'SELECT drawn FROM attempts WHERE id = ?', args: [attemptId] })).rows[0]!;
    const drawn = JSON.parse(String(row.drawn)) as DrawnQuestion[];
    const result: number[][] = [];
    for (const d of drawn) {
      const body = (await server.database.client.execute({ sql: 'SELECT body FROM question_revisions WHERE question_id = ? AND revision = ?', args: [d.id, d.revision] })).rows[0]!;
      const q = JSON.parse(String(body.body)) as Question;
      result.push(answerIndexes(q).map((i) => (d.order.length ? d.order.indexOf(i) : i)).sort((a, b) => a - b));
    }
    return result;
  }
  const stats = async (organizer: Staff, campaignId: string) => ((await (await organizer.request(`/api/campaigns/${campaignId}/stats`)).json()) as { data: { counties: { code: string; participants: number; submitters: number; attempts: number; averageScore: number | null; rate: number | null; passRate: number | null; fullMarksRate: number | null }[]; daily: { day: string; newParticipants: number; attempts: number }[]; hardest: { answered: number }[]; items: { answered: number }[]; dimensions: { dimension: string; answered: number; correct: number }[] } }).data;

  /** The organizer's session, signed in again once the clock has moved hours since (sessions last 12 hours). */
  let held: { at: number; staff: Staff } | null = null;
  async function signIn() {
    if (!held || clock - held.at > 60 * 60 * 1000) held = { at: clock, staff: await login(server, 'admin', PASSWORD) };
    return held.staff;
  }

  /** Publishes a campaign open from the day before now to ten days on. A draft is invisible to citizens. */
  async function freshCampaign() {
    const t0 = clock;
    const organizer = await signIn();
    const created = await organizer.request('/api/campaigns', {
      method: 'POST',
      json: {
        title: '廊坊市健康知识网络答题',
        description: '测试活动',
        startsAt: t0 - DAY,
        endsAt: t0 + 10 * DAY,
        regionCode: '131000',
        mix: [
          { count: 5, type: 'single' },
          { count: 3, type: 'truefalse' },
          { count: 2, type: 'multiple' },
        ],
        timeLimitSec: 600,
        attemptsPerDay: 2,
        attemptsTotal: 3,
        counting: 'best',
        passMark: 60,
        showExplanations: true,
        minSecondsPerQuestion: 0,
        fields: { name: false, phone: true, team: false },
        targets: { '131003': 100 },
      },
    });
    expect(created.status).toBe(201);
    const campaignId = ((await created.json()) as { data: { id: string } }).data.id;
    // A draft is invisible to citizens.
    expect((await fetch(`${server.url}/api/quiz/${campaignId}`)).status).toBe(404);
    expect((await organizer.request(`/api/campaigns/${campaignId}/publish`, { method: 'POST' })).status).toBe(200);
    const day = new Date(t0 + 8 * 60 * 60 * 1000).toISOString().slice(0, 10); // the China day
    const dayAfter = (n: number) => new Date(t0 + n * DAY + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
    return { t0, day, dayAfter, organizer, campaignId, start: starter(campaignId), submit: submitter(campaignId) };
  }

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD }, {}, { now: () => clock });
  });
  afterAll(() => server.stop());

  it('shows the campaign with its counties and rules', async () => {
    const { campaignId } = await freshCampaign();
    const info = (await (await fetch(`${server.url}/api/quiz/${campaignId}`)).json()) as { data: { state: string; counties: { name: string }[]; questionCount: number } };
    expect(info.data.state).toBe('open');
    expect(info.data.counties).toHaveLength(11);
    expect(info.data.questionCount).toBe(10);
  });

  it('plays a whole attempt: the key stays on the server until submission, then explanations come back', async () => {
    const { t0, day, dayAfter, organizer, campaignId, start, submit } = await freshCampaign();
    const res = await start({ countyCode: '131003', phone: '13812345678' });
    expect(res.status).toBe(200);
    const a = ((await res.json()) as { data: Started }).data;
    expect(a.questions).toHaveLength(10);
    expect(a.deadline).toBe(t0 + 600_000);
    expect(JSON.stringify(a)).not.toMatch(/answer|explanation/);

    // Reload: the same attempt, the same questions in the same order.
    const resumed = await fetch(`${server.url}/api/quiz/${campaignId}/attempts/${a.attemptId}`, { headers: { 'x-participant-token': a.token } });
    const again = ((await resumed.json()) as { data: { state: string; attempt: Started } }).data;
    expect(again.state).toBe('open');
    expect(again.attempt.questions).toEqual(a.questions);
    // Starting again while one is open resumes it instead of drawing a new one.
    const restart = ((await (await start({ token: a.token, countyCode: '131003', phone: '13812345678' })).json()) as { data: Started }).data;
    expect(restart.attemptId).toBe(a.attemptId);

    const answers = await key(a.attemptId);
    answers[0] = answers[0]![0] === 0 ? [1] : [0]; // one wrong answer
    clock += 60_000;
    const submitted = await submit(a, answers);
    expect(submitted.status).toBe(200);
    const result = ((await submitted.json()) as { data: { score: number; correctCount: number; passed: boolean; review: { isCorrect: boolean; explanation: string }[] } }).data;
    expect(result).toMatchObject({ score: 90, correctCount: 9, passed: true });
    expect(result.review.filter((r) => !r.isCorrect)).toHaveLength(1);
    expect(result.review[0]!.explanation.length).toBeGreaterThan(4);

    const s = await stats(organizer, campaignId);
    const county = s.counties.find((c) => c.code === '131003')!;
    expect(county).toMatchObject({ participants: 1, submitters: 1, attempts: 1, averageScore: 90, rate: 0.01, passRate: 1, fullMarksRate: 0 });
    expect(s.daily).toEqual([expect.objectContaining({ day, newParticipants: 1, attempts: 1 })]);
    expect(s.hardest.reduce((n, q) => n + q.answered, 0)).toBe(10);
    expect(s.items.reduce((n, q) => n + q.answered, 0)).toBe(10);
    expect(s.dimensions.reduce((n, d) => n + d.answered, 0)).toBe(10);
    expect(s.dimensions.reduce((n, d) => n + d.correct, 0)).toBe(9);
    // A date filter narrows the daily counters by county: this day counts, the day before does not.
    const inRange = ((await (await organizer.request(`/api/campaigns/${campaignId}/stats?from=${day}&to=${day}`)).json()) as { data: { range: { code: string; newParticipants: number; attempts: number; averageScore: number }[] } }).data.range;
    expect(inRange.find((r) => r.code === '131003')).toMatchObject({ newParticipants: 1, attempts: 1, averageScore: 90 });
    const before = ((await (await organizer.request(`/api/campaigns/${campaignId}/stats?to=${dayAfter(-1)}`)).json()) as { data: { range: { attempts: number }[] } }).data.range;
    expect(before.reduce((n, r) => n + r.attempts, 0)).toBe(0);
    expect(((await (await organizer.request(`/api/campaigns/${campaignId}/stats`)).json()) as { data: { range: unknown } }).data.range).toBeNull();
    // The county's best participants: masked phone and the score that counts; another county has none yet.
    const top = async (county: string) => ((await (await organizer.request(`/api/campaigns/${campaignId}/stats/top?county=${county}`)).json()) as { data: { phoneMasked: string; score: number }[] }).data;
    expect(await top('131003')).toEqual([expect.objectContaining({ phoneMasked: '138****5678', score: 90 })]);
    expect(await top('131002')).toEqual([]);
    const phone = await server.database.client.execute({ sql: 'SELECT phone_hash, phone_masked FROM participants WHERE campaign_id = ?', args: [campaignId] });
    expect(phone.rows).toHaveLength(1);
    expect(phone.rows[0]!.phone_masked).toBe('138****5678');
    expect(String(phone.rows[0]!.phone_hash)).not.toContain('13812345678');
  });

  it('rejects replays, other attempts, bad answers and late submissions, counting nothing twice', async () => {
    const { organizer, campaignId, start, submit } = await freshCampaign();
    const a = ((await (await start({ countyCode: '131002', phone: '13900000001' })).json()) as { data: Started }).data;
    const b = ((await (await start({ countyCode: '131002', phone: '13900000002' })).json()) as { data: Started }).data;
    const good = await key(a.attemptId);

    expect((await submit({ attemptId: b.attemptId, token: a.token }, good)).status).toBe(404); // someone else's attempt
    expect(await (await submit({ attemptId: 'A'.repeat(22), token: a.token }, good)).json()).toMatchObject({ error: { code: 'quiz/attempt-not-found' } });
    expect(await (await submit(a, good.slice(0, 9))).json()).toMatchObject({ error: { code: 'quiz/answer-count' } });
    const outOfRange = good.map((x) => [...x]);
    // One past the last option of a question with fewer than six (an index past 5 is refused by the schema itself).
    const short = a.questions.findIndex((q) => q.options.length < 6);
    expect(short).toBeGreaterThanOrEqual(0);
    outOfRange[short] = [a.questions[short]!.options.length];
    expect(await (await submit(a, outOfRange)).json()).toMatchObject({ error: { code: 'quiz/bad-answer', message: `第 ${short + 1} 题的答案无效` } });
    const twoForSingle = good.map((x) => [...x]);
    const singleIndex = a.questions.findIndex((q) => q.type === 'single');
    twoForSingle[singleIndex] = [0, 1];
    expect((await submit(a, twoForSingle)).status).toBe(400);
    expect((await submit(a, { toString: 'x' })).status).toBe(400);
    expect((await post(`/api/quiz/${campaignId}/attempts/${a.attemptId}/submit`, { answers: good })).status).toBe(404); // no token

    const first = await submit(a, good);
    expect(first.status).toBe(200);
    const replay = await submit(a, good);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: { code: 'quiz/already-submitted' } });

    clock += 601_000 + 3_000; // past b's deadline and its grace
    const late = await submit(b, await key(b.attemptId));
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'quiz/deadline-passed', message: '答题时间已到，本次提交无效' } });

    const county = (await stats(organizer, campaignId)).counties.find((c) => c.code === '131002')!;
    expect(county).toMatchObject({ participants: 2, submitters: 1, attempts: 1, averageScore: 100, fullMarksRate: 1 });
  });

  it('enforces attempts per day and in total, by the server’s clock, and counts the best score', async () => {
    const { campaignId, start, submit } = await freshCampaign();
    const phone = '13700000000';
    const first = ((await (await start({ countyCode: '131022', phone })).json()) as { data: Started }).data;
    const all = await key(first.attemptId);
    await submit(first, all.map(() => null)); // blank: 0 points
    const second = ((await (await start({ token: first.token, countyCode: '131022', phone })).json()) as { data: Started }).data;
    await submit(second, await key(second.attemptId)); // 100
    const third = await start({ token: first.token, countyCode: '131022', phone });
    expect(third.status).toBe(409);
    expect(await third.json()).toMatchObject({ error: { code: 'quiz/limit-day', message: '今天的 2 次答题机会已用完，请明天再来' } });

    clock += DAY;
    // A new device with the same phone number and the recovery code shown at the first start is the same participant.
    expect(first.recoveryCode).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    const fourth = ((await (await start({ countyCode: '131022', phone, recoveryCode: first.recoveryCode!.toLowerCase().replace('-', ' ') })).json()) as { data: Started }).data;
    expect(fourth.recoveryCode).toBeUndefined();
    // The old device's token no longer stands for the participant.
    expect((await fetch(`${server.url}/api/quiz/${campaignId}/attempts/${fourth.attemptId}`, { headers: { 'x-participant-token': first.token } })).status).toBe(404);
    expect((await fetch(`${server.url}/api/quiz/${campaignId}/attempts/${fourth.attemptId}`, { headers: { 'x-participant-token': fourth.token } })).status).toBe(200);
    await submit(fourth, (await key(fourth.attemptId)).map(() => null));
    const fifth = await start({ token: fourth.token, countyCode: '131022', phone, lang: 'en' });
    expect(await fifth.json()).toMatchObject({ error: { code: 'quiz/limit-total' } });

    const organizer = await login(server, 'admin', PASSWORD); // a day later the 12-hour session has expired
    const county = (await stats(organizer, campaignId)).counties.find((c) => c.code === '131022')!;
    expect(county).toMatchObject({ participants: 1, submitters: 1, attempts: 3, averageScore: 100 }); // best counts
  });

  it('never lets a phone number alone take over a participant, nor tells whether it took part', async () => {
    const { campaignId, start } = await freshCampaign();
    const phone = '13600000001';
    const victim = ((await (await start({ countyCode: '131024', phone })).json()) as { data: Started }).data;
    expect(victim.recoveryCode).toBeDefined();
    // The attacker knows the number, not the code: a start without a token is a new participant's, the victim's
    // open attempt stays theirs, and the answer has the same shape as for a number never seen.
    const attacker = await start({ countyCode: '131024', phone });
    const stranger = await start({ countyCode: '131024', phone: '13600000002' });
    expect(attacker.status).toBe(stranger.status);
    const a = ((await attacker.json()) as { data: Started }).data;
    const b = ((await stranger.json()) as { data: Started }).data;
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a.attemptId).not.toBe(victim.attemptId);
    expect((await fetch(`${server.url}/api/quiz/${campaignId}/attempts/${victim.attemptId}`, { headers: { 'x-participant-token': a.token } })).status).toBe(404);
    const still = await fetch(`${server.url}/api/quiz/${campaignId}/attempts/${victim.attemptId}`, { headers: { 'x-participant-token': victim.token } });
    expect(((await still.json()) as { data: { state: string } }).data.state).toBe('open');
    // A wrong code is refused with one message whether or not the number took part.
    const wrongKnown = await start({ countyCode: '131024', phone, recoveryCode: 'AAAAA-AAAAA' });
    const wrongUnknown = await start({ countyCode: '131024', phone: '13600000003', recoveryCode: 'AAAAA-AAAAA' });
    expect(wrongKnown.status).toBe(400);
    expect(await wrongKnown.json()).toEqual(await wrongUnknown.json());
    // Another participant's code does not open this number either.
    expect((await start({ countyCode: '131024', phone, recoveryCode: b.recoveryCode })).status).toBe(400);
  });

  it('refuses a county outside the campaign, a bad phone, and a closed campaign', async () => {
    const { t0, start } = await freshCampaign();
    expect(await (await start({ countyCode: '130100', phone: '13800000009' })).json()).toMatchObject({ error: { code: 'quiz/bad-county' } });
    expect(await (await start({ countyCode: '131003', phone: '12345' })).json()).toMatchObject({ error: { code: 'quiz/bad-phone' } });
    clock = t0 + 11 * DAY; // forward only: the next test's day starts after this one
    expect(await (await start({ countyCode: '131003', phone: '13800000009' })).json()).toMatchObject({ error: { code: 'quiz/ended', message: '答题活动已经结束' } });
  });

  it('exports the statistics to Excel and serves the QR code', async () => {
    const { day, dayAfter, organizer, campaignId } = await freshCampaign();
    const xlsx = await organizer.request(`/api/campaigns/${campaignId}/export.xlsx`);
    expect(xlsx.status).toBe(200);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip, as every .xlsx
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['县区统计', '每日参与', '易错题', '知识点正确率', '素养维度正确率', '参与者名单']);
    expect(book.getWorksheet('县区统计')!.rowCount).toBe(12);
    const ranged = new ExcelJS.Workbook();
    await ranged.xlsx.load((await (await organizer.request(`/api/campaigns/${campaignId}/export.xlsx?from=${day}&to=${dayAfter(1)}`)).arrayBuffer()) as ArrayBuffer);
    expect(ranged.worksheets.at(-1)!.name).toBe(`县区统计(${day}至${dayAfter(1)})`);
    expect(ranged.worksheets.at(-1)!.rowCount).toBe(12);
    const qr = await fetch(`${server.url}/api/quiz/${campaignId}/qr.svg`);
    expect(qr.headers.get('content-type')).toBe('image/svg+xml');
    expect(await qr.text()).toContain('<svg');
  });
});
