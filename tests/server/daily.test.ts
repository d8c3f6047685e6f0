import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import literacy2024 from '../../questions/literacy-2024.json';
import { addDays, chinaDay, dailyCard, type LiteracyItem } from '../../shared/quiz/daily';
import { STAFF_PASSWORD } from '../helpers/contest';
import { login, type Staff } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

const DAY = 24 * 60 * 60 * 1000;
const ITEMS = literacy2024.items as LiteracyItem[];

interface ReadTable {
  from: string;
  to: string;
  counties: { code: string; name: string; reads: number }[];
  unknown: number | null;
  total: number;
}

/**
 * 每日一学 through the real server: the card of the day, reads counted per county through the writer, bad
 * counties refused in the reader's language with nothing counted, and the organizers' table scoped to their
 * region (Langfang's city organizer, 广阳区's county organizer).
 */
describe('每日一学: the daily card, its reads and their statistics', () => {
  let server: TestServer;
  // The server's clock. Tests only move it forward (a new China day); each test reads today from it, signs in
  // again where it has moved (sessions last 12 hours of this clock) and counts reads of its own campaign.
  let clock = Date.now();
  let campaignId: string;
  let anciCampaign: string;

  const read = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/quiz/${id}/daily/read`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const rows = async (id: string) =>
    (await server.database.client.execute({ sql: 'SELECT day, county_code AS county, reads FROM campaign_daily_reads WHERE campaign_id = ? ORDER BY day, county_code', args: [id] })).rows.map((r) => ({ day: String(r.day), county: String(r.county), reads: Number(r.reads) }));
  const table = async (staff: Staff, id: string, query = '') => {
    const res = await staff.request(`/api/campaigns/${id}/daily-reads${query}`);
    return { status: res.status, body: (await res.json()) as { ok: boolean; data: ReadTable; error: { code: string; message: string } } };
  };
  /** A session of one organizer, signed in again once the clock has moved since (sessions last 12 hours). */
  const sessions = new Map<string, { at: number; staff: Staff }>();
  const session = async (username: string) => {
    const held = sessions.get(username);
    if (held?.at === clock) return held.staff;
    const staff = await login(server, username, STAFF_PASSWORD);
    sessions.set(username, { at: clock, staff });
    return staff;
  };
  const cityOrganizer = () => session('langfang');
  const guangyangOrganizer = () => session('guangyang');
  /** A fresh published Langfang campaign of this test's own, open a month either side of now. */
  const ownCampaign = async (overrides: Record<string, unknown> = {}) =>
    createCampaign(await cityOrganizer(), { title: '廊坊市每日一学', startsAt: Date.now() - 30 * DAY, endsAt: Date.now() + 30 * DAY, ...overrides });
  /** Today's reads of a campaign: two in 安次区, two in 广阳区, two naming no county. */
  const readSix = async (id: string) => {
    for (const countyCode of ['131003', '131002', '', '131003', '131002', '']) expect((await read(id, { countyCode })).status).toBe(200);
  };

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, {}, { now: () => clock });
    const admin = await login(server, 'admin', STAFF_PASSWORD);
    expect((await admin.request('/api/users', { method: 'POST', json: { username: 'langfang', displayName: '廊坊市卫健委', role: 'organizer', regionCode: '131000', password: STAFF_PASSWORD } })).status).toBe(201);
    const city = await cityOrganizer();
    expect((await city.request('/api/users', { method: 'POST', json: { username: 'guangyang', displayName: '广阳区卫健局', role: 'organizer', regionCode: '131003', password: STAFF_PASSWORD } })).status).toBe(201);
    // Read by the card test and the out-of-scope check only: no test counts reads of these.
    campaignId = await createCampaign(city, { title: '廊坊市每日一学', startsAt: Date.now() - 30 * DAY, endsAt: Date.now() + 30 * DAY });
    anciCampaign = await createCampaign(city, { title: '安次区答题', regionCode: '131002' });
  });
  afterAll(() => server?.stop());

  it('serves the day’s card: the same for everyone, an item of the 2024 edition with its number, dimension and text', async () => {
    const res = await fetch(`${server.url}/api/quiz/${campaignId}/daily`);
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { day: string; item: number; dimension: string; text: string; edition: string } };
    const day = chinaDay(clock);
    expect(data).toEqual(dailyCard(campaignId, day, ITEMS));
    const source = ITEMS.find((i) => i.item === data.item)!;
    expect(source.unverified).toBeFalsy();
    expect(data).toMatchObject({ day, edition: '2024', dimension: source.dimension, text: source.text });
    expect(await (await fetch(`${server.url}/api/quiz/${campaignId}/daily`)).json()).toEqual({ ok: true, data });
  });

  it('has no card for a draft or unknown campaign', async () => {
    const city = await cityOrganizer();
    const created = await city.request('/api/campaigns', {
      method: 'POST',
      json: { title: '草稿活动', description: '', startsAt: Date.now(), endsAt: Date.now() + DAY, regionCode: '131000', mix: [{ count: 3, type: 'truefalse' }], timeLimitSec: 600, attemptsPerDay: 1, attemptsTotal: 1, counting: 'best', passMark: 60, showExplanations: false, fields: { name: false, phone: false, team: false }, targets: {} },
    });
    const draft = ((await created.json()) as { data: { id: string } }).data.id;
    for (const id of [draft, 'nosuchcampaign']) {
      const res = await fetch(`${server.url}/api/quiz/${id}/daily`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'quiz/campaign-not-found', message: '找不到该答题活动' } });
      expect((await read(id, { countyCode: '131003' })).status).toBe(404);
      expect(await rows(id)).toEqual([]);
    }
  });

  it('counts each read once, by county or without one, through the writer', async () => {
    const campaignId = await ownCampaign();
    const day = chinaDay(clock);
    const res = await read(campaignId, { countyCode: '131003' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, data: { day } });
    expect(await rows(campaignId)).toEqual([{ day, county: '131003', reads: 1 }]);
    // Reads arriving together commit together, each counted once.
    const together = await Promise.all([read(campaignId, {}), read(campaignId, { countyCode: '' }), read(campaignId, { countyCode: '131002' }), read(campaignId, { countyCode: '131003' })]);
    expect(together.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await rows(campaignId)).toEqual([
      { day, county: '', reads: 2 },
      { day, county: '131002', reads: 1 },
      { day, county: '131003', reads: 2 },
    ]);
  });

  it('refuses a county outside the campaign, or a malformed one, in the reader’s language, and counts nothing', async () => {
    const campaignId = await ownCampaign();
    expect((await read(campaignId, { countyCode: '131003' })).status).toBe(200);
    expect((await read(campaignId, { countyCode: '131002' })).status).toBe(200);
    const before = await rows(campaignId);
    const outside = await read(campaignId, { countyCode: '130102' });
    expect(outside.status).toBe(400);
    expect(await outside.json()).toMatchObject({ ok: false, error: { code: 'quiz/bad-county', message: '请选择本次活动范围内的县区' } });
    const english = await read(campaignId, { countyCode: '131002' }, { 'accept-language': 'en-US,en;q=0.9' }).then(() => read(campaignId, { countyCode: '110101' }, { 'accept-language': 'en-US,en;q=0.9' }));
    expect(await english.json()).toMatchObject({ ok: false, error: { code: 'quiz/bad-county', message: 'Choose a county taking part in this quiz' } });
    const malformed = await read(campaignId, { countyCode: '廊坊' });
    expect(malformed.status).toBe(400);
    const body = (await malformed.json()) as { error: { code: string; message: string; issues: { path: string; message: string }[] } };
    expect(body.error.code).toBe('input/invalid');
    expect(body.error.issues).toEqual([{ path: 'countyCode', message: expect.stringContaining('所在县区') }]);
    const broken = await fetch(`${server.url}/api/quiz/${campaignId}/daily/read`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"countyCode"' });
    expect(broken.status).toBe(400);
    // Only the one good read in between counted.
    const day = chinaDay(clock);
    const after = await rows(campaignId);
    expect(after.find((r) => r.county === '131002')!.reads).toBe(before.find((r) => r.county === '131002')!.reads + 1);
    expect(after.filter((r) => r.county !== '131002')).toEqual(before.filter((r) => r.county !== '131002'));
    expect(after).toEqual([{ day, county: '131002', reads: 2 }, { day, county: '131003', reads: 1 }]);
  });

  it('the organizers’ table: the last 7 days by default, every county of their region with the total', async () => {
    const campaignId = await ownCampaign();
    await readSix(campaignId);
    const today = chinaDay(clock);
    const { status, body } = await table(await cityOrganizer(), campaignId);
    expect(status).toBe(200);
    expect(body.data.from).toBe(addDays(today, -6));
    expect(body.data.to).toBe(today);
    expect(body.data.counties).toHaveLength(11);
    expect(body.data.counties.slice(0, 2)).toEqual([
      { code: '131002', name: '安次区', reads: 2 },
      { code: '131003', name: '广阳区', reads: 2 },
    ]);
    expect(body.data.counties.slice(2).every((r) => r.reads === 0)).toBe(true);
    expect(body.data.unknown).toBe(2);
    expect(body.data.total).toBe(6);
  });

  it('a county’s organizer sees its own county’s row of the city’s campaign, and nothing of another county’s campaign', async () => {
    const campaignId = await ownCampaign();
    await readSix(campaignId);
    const guangyang = await guangyangOrganizer();
    const { body } = await table(guangyang, campaignId);
    expect(body.data.counties).toEqual([{ code: '131003', name: '广阳区', reads: 2 }]);
    expect(body.data.unknown).toBeNull();
    expect(body.data.total).toBe(2);
    const refused = await table(guangyang, anciCampaign);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'auth/out-of-scope', message: '这不在您负责的地区范围内' });
    expect((await fetch(`${server.url}/api/campaigns/${campaignId}/daily-reads`)).status).toBe(401);
  });

  it('a new China day starts a new row; ranges pick days, bad ranges are refused', async () => {
    const campaignId = await ownCampaign();
    await readSix(campaignId);
    const first = chinaDay(clock);
    clock += DAY;
    const second = chinaDay(clock);
    const city = await cityOrganizer(); // sessions last 12 hours
    expect(second).toBe(addDays(first, 1));
    expect((await read(campaignId, { countyCode: '131003' })).status).toBe(200);
    expect((await rows(campaignId)).filter((r) => r.day === second)).toEqual([{ day: second, county: '131003', reads: 1 }]);
    expect((await table(city, campaignId, `?from=${second}&to=${second}`)).body.data.total).toBe(1);
    expect((await table(city, campaignId, `?to=${first}`)).body.data).toMatchObject({ from: addDays(first, -6), to: first, total: 6 });
    expect((await table(city, campaignId)).body.data.total).toBe(7);
    // The card moved on with the day.
    const card = (await (await fetch(`${server.url}/api/quiz/${campaignId}/daily`)).json()) as { data: { day: string; item: number } };
    expect(card.data).toEqual(dailyCard(campaignId, second, ITEMS));

    const backwards = await table(city, campaignId, `?from=${second}&to=${first}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ code: 'daily/bad-range', message: '开始日期不能晚于结束日期，且一次最多查询 366 天' });
    expect((await table(city, campaignId, `?from=2020-01-01&to=${first}`)).body.error.code).toBe('daily/bad-range');
    const notADay = await table(city, campaignId, '?from=2026-02-30');
    expect(notADay.status).toBe(400);
    expect(notADay.body.error.code).toBe('input/invalid');
  });

  it('an address has a daily ceiling of recorded reads, refused with a localized message and a Retry-After', async () => {
    const anciCampaign = await ownCampaign({ title: '安次区答题', regionCode: '131002' });
    const before = await rows(anciCampaign);
    let last: Response | null = null;
    for (let i = 0; i < 51; i++) {
      last = await read(anciCampaign, { countyCode: '131002' });
      if (last.status !== 200) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({ ok: false, error: { code: 'daily/read-limit', message: '这个网络今天记录的阅读次数已达上限，感谢您的学习' } });
    expect(before).toEqual([]);
    expect(await rows(anciCampaign)).toEqual([{ day: chinaDay(clock), county: '131002', reads: 50 }]);
    // The next China day the address reads again.
    clock += DAY;
    expect((await read(anciCampaign, { countyCode: '131002' })).status).toBe(200);
  });
});
