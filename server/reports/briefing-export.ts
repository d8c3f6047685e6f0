import { periodLastDay, type Briefing } from '../../shared/region/briefing.js';
import type { RegionLevel } from '../../shared/region/region.js';
import { addTableSheet, newWorkbook } from '../sheets/xlsx.js';

const LEVEL: Record<RegionLevel, string> = { province: '省', city: '市', county: '县（市、区）', township: '乡镇（街道）', village: '村（社区）' };
const ROLE = { 'family-doctor': '家庭医生', 'village-doctor': '乡村医生', manager: '项目管理人员', other: '其他' } as const;
const KIND = { weekly: '周调度', monthly: '月通报' } as const;

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const avg = (v: number | null) => (v === null ? '—' : Number(v.toFixed(1)));
const signed = (v: number | null) => (v === null ? '—' : v > 0 ? `+${v}` : String(v));
const day = (d: string) => d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日');

/** The file name of a briefing: 廊坊市周调度（2026年11月30日—2026年12月06日）.xlsx */
export function briefingFileName(b: Briefing): string {
  return `${b.region.name}${KIND[b.kind]}（${day(b.periodStart)}—${day(periodLastDay(b.periodEnd))}）.xlsx`;
}

/** A briefing as a workbook, one sheet per section, in Chinese (the language of the official documents it feeds). */
export async function briefingWorkbook(b: Briefing): Promise<Uint8Array> {
  const book = await newWorkbook();
  const generated = new Date(b.generatedAt + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  addTableSheet(book, '概况', [{ header: '项目', key: 'k', width: 24 }, { header: '内容', key: 'v', width: 60 }], [
    { k: '活动', v: b.campaignTitle },
    { k: '地区', v: b.region.name },
    { k: '类型', v: KIND[b.kind] },
    { k: '统计周期', v: `${day(b.periodStart)}—${day(periodLastDay(b.periodEnd))}` },
    { k: '生成时间（北京时间）', v: generated },
    { k: '对比基准', v: b.previous ? `上一期（${day(b.previous.periodStart)}起）` : '首期，无对比' },
    { k: '参与人数', v: b.totals.participants },
    { k: '完成人数', v: b.totals.submitters },
    { k: '答题次数', v: b.totals.attempts },
    { k: '平均分', v: avg(b.totals.averageScore) },
    { k: '及格率', v: pct(b.totals.passRate) },
    { k: '参与人数较上期', v: signed(b.change?.participants ?? null) },
    { k: '完成人数较上期', v: signed(b.change?.submitters ?? null) },
    { k: '健康指导员人数', v: b.guideCount },
  ]);
  const rankColumns = [
    { header: '排名', key: 'rank', width: 8 },
    { header: LEVEL[b.childLevel], key: 'name', width: 28 },
    { header: '参与人数', key: 'participants', width: 12 },
    { header: '较上期', key: 'change', width: 10 },
    { header: '完成人数', key: 'submitters', width: 12 },
    { header: '平均分', key: 'average', width: 10 },
    { header: '及格率', key: 'pass', width: 10 },
    { header: '目标人数', key: 'target', width: 12 },
    { header: '完成率', key: 'rate', width: 10 },
  ];
  const rankRows = (rows: Briefing['ranking']) =>
    rows.map((r) => ({ rank: r.rank, name: r.name, participants: r.participants, change: signed(r.change), submitters: r.submitters, average: avg(r.averageScore), pass: pct(r.passRate), target: r.target ?? '—', rate: pct(r.rate) }));
  addTableSheet(book, '下级排名', rankColumns, rankRows(b.ranking));
  addTableSheet(book, '未达目标', rankColumns, rankRows(b.belowTarget));
  addTableSheet(
    book,
    '待督促的指导员',
    [
      { header: '姓名', key: 'name', width: 14 },
      { header: '角色', key: 'role', width: 14 },
      { header: '单位', key: 'clinic', width: 30 },
      { header: '绑定居民', key: 'participants', width: 12 },
      { header: '较上期', key: 'change', width: 10 },
    ],
    [
      ...b.guidesBehind.rows.map((g) => ({ name: g.name, role: ROLE[g.role], clinic: g.clinic || '—', participants: g.participants, change: signed(g.change) })),
      ...(b.guidesBehind.total > b.guidesBehind.rows.length ? [{ name: `另有 ${b.guidesBehind.total - b.guidesBehind.rows.length} 名未列出` }] : []),
    ],
  );
  addTableSheet(
    book,
    '薄弱知识条目',
    [
      { header: '条目', key: 'item', width: 10 },
      { header: '内容', key: 'text', width: 80 },
      { header: '作答次数', key: 'answered', width: 12 },
      { header: '正确率', key: 'accuracy', width: 10 },
    ],
    b.worstItems.map((i) => ({ item: `第${i.item}条`, text: i.text, answered: i.answered, accuracy: pct(i.accuracy) })),
  );
  return new Uint8Array(await book.xlsx.writeBuffer());
}
