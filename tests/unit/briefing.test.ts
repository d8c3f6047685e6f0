import { describe, expect, it } from 'vitest';
import { briefingPeriod, buildBriefing, type BriefingInput } from '../../shared/region/briefing';
import { chinaDay } from '../../shared/quiz/campaign';
import type { TallyRow } from '../../shared/region/tallies';

const at = (iso: string) => Date.parse(iso);

function row(code: string, name: string, participants: number, target: number | null = null): TallyRow {
  return { code, name, participants, submitters: participants, attempts: participants, countedScoreSum: participants * 80, passed: participants, averageScore: participants ? 80 : null, passRate: participants ? 1 : null, target, rate: target ? participants / target : null };
}

function input(over: Partial<BriefingInput> = {}): BriefingInput {
  const rows = over.rows ?? [row('131003', '广阳区', 30, 100), row('131002', '安次区', 50, 40), row('131022', '固安县', 0, 10), row('131023', '永清县', 5)];
  const sum = rows.reduce((s, r) => s + r.participants, 0);
  return {
    campaignId: 'c1',
    campaignTitle: '廊坊市健康知识答题',
    kind: 'weekly',
    at: at('2026-12-03T10:00:00+08:00'),
    region: { code: '131000', name: '廊坊市', level: 'city' },
    childLevel: 'county',
    total: { participants: sum, submitters: sum, attempts: sum, countedScoreSum: sum * 80, passed: sum },
    rows,
    guides: [
      { id: 'g1', name: '刘医生', role: 'village-doctor', clinic: '', participants: 4 },
      { id: 'g2', name: '张医生', role: 'family-doctor', clinic: '', participants: 0 },
    ],
    items: [
      { edition: '2024', item: 7, text: '七', answered: 100, correct: 40 },
      { edition: '2024', item: 3, text: '三', answered: 100, correct: 90 },
      { edition: '2024', item: 9, text: '九', answered: 5, correct: 0 },
    ],
    previous: null,
    ...over,
  };
}

describe('briefing periods in China time', () => {
  it('a week runs Monday to Monday, a month from its first day; the day turns at midnight Beijing time', () => {
    expect(chinaDay(at('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(briefingPeriod('weekly', at('2026-12-03T10:00:00+08:00'))).toEqual({ start: '2026-11-30', end: '2026-12-07' });
    expect(briefingPeriod('weekly', at('2026-12-06T23:59:00+08:00'))).toEqual({ start: '2026-11-30', end: '2026-12-07' });
    expect(briefingPeriod('weekly', at('2026-12-07T00:00:00+08:00'))).toEqual({ start: '2026-12-07', end: '2026-12-14' });
    expect(briefingPeriod('monthly', at('2026-12-31T23:00:00+08:00'))).toEqual({ start: '2026-12-01', end: '2027-01-01' });
    expect(briefingPeriod('monthly', at('2026-02-10T00:00:00+08:00'))).toEqual({ start: '2026-02-01', end: '2026-03-01' });
  });
});

describe('building a briefing', () => {
  it('ranks the level below, lists who is short of target (furthest first), the zero-resident guides and the worst items', () => {
    const b = buildBriefing(input());
    expect(b.ranking.map((r) => [r.rank, r.name, r.participants, r.change])).toEqual([
      [1, '安次区', 50, null],
      [2, '广阳区', 30, null],
      [3, '永清县', 5, null],
      [4, '固安县', 0, null],
    ]);
    expect(b.belowTarget.map((r) => r.name)).toEqual(['固安县', '广阳区']);
    expect(b.totals).toMatchObject({ participants: 85, averageScore: 80, passRate: 1 });
    expect(b.change).toBeNull();
    expect(b.guidesBehind).toMatchObject({ total: 1, rows: [{ name: '张医生', change: null }] });
    // Item 9 has too few answers to say anything.
    expect(b.worstItems.map((i) => [i.item, i.accuracy])).toEqual([
      [7, 0.4],
      [3, 0.9],
    ]);
    expect(b.periodStart).toBe('2026-11-30');
  });

  it('counts changes from the previous briefing: totals, each region, and guides with no new resident', () => {
    const first = buildBriefing(input());
    const later = buildBriefing(
      input({
        at: at('2026-12-10T10:00:00+08:00'),
        rows: [row('131003', '广阳区', 42, 100), row('131002', '安次区', 50, 40), row('131022', '固安县', 3, 10), row('131023', '永清县', 5)],
        guides: [
          { id: 'g1', name: '刘医生', role: 'village-doctor', clinic: '', participants: 4 },
          { id: 'g2', name: '张医生', role: 'family-doctor', clinic: '', participants: 2 },
          { id: 'g3', name: '王医生', role: 'manager', clinic: '', participants: 0 },
        ],
        previous: first,
      }),
    );
    expect(later.previous).toEqual({ periodStart: '2026-11-30', generatedAt: first.generatedAt });
    expect(later.change).toEqual({ participants: 15, submitters: 15, attempts: 15 });
    expect(Object.fromEntries(later.ranking.map((r) => [r.name, r.change]))).toEqual({ 安次区: 0, 广阳区: 12, 永清县: 0, 固安县: 3 });
    // 刘医生 gained nobody, 王医生 is new with nobody; 张医生 gained two.
    expect(later.guidesBehind.rows.map((g) => [g.name, g.change])).toEqual([
      ['王医生', 0],
      ['刘医生', 0],
    ]);
    expect(later.periodStart).toBe('2026-12-07');
  });

  it('the ranking sums to the total it was given, whatever the order of rows', () => {
    const b = buildBriefing(input({ rows: [row('1', '甲', 3), row('2', '乙', 9), row('3', '丙', 9)] }));
    expect(b.ranking.reduce((s, r) => s + r.participants, 0)).toBe(b.totals.participants);
    expect(b.ranking.map((r) => r.code)).toEqual(['2', '3', '1']);
  });
});
