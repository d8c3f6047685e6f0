import type { Locale } from '../../shared/i18n/messages.js';
import { errorMessage } from '../../shared/i18n/messages.js';
import { loadSheet } from '../sheets/sheet.js';
import { nameProblem } from '../../shared/protocol/names.js';
import { normalizeStoredText } from '../../shared/protocol/text.js';

export interface ImportedTeam {
  id: string;
  name: string;
  members: string[];
  county?: string;
}

export interface TeamProblem {
  row: number | null;
  column: string | null;
  message: string;
}

const MAX_TEAM_ROWS = 200;
/** Problems listed before the rest are summarised in one "还有 N 个问题未列出" line. */
const MAX_LISTED_TEAM_PROBLEMS = 100;

const NAME_HEADERS = ['战队名称', '队名', '战队', '家庭战队', '队伍名称', '队伍'];
const MEMBER_HEADERS = ['成员', '家庭成员', '队员'];
const COUNTY_HEADERS = ['县区', '所在县区', '县（市、区）', '县市区', '区县'];

/**
 * Reads family teams from an .xlsx or .csv sheet (战队名称, 成员 or 成员1…成员5, 县区 by name or code).
 * All or nothing: any bad row comes back as a problem with its row and column, in the caller's locale.
 */
export async function parseTeamSheet(
  file: { name: string; data: Uint8Array },
  counties: ReadonlyMap<string, string>,
  locale: Locale,
): Promise<{ ok: true; teams: ImportedTeam[] } | { ok: false; problems: TeamProblem[] }> {
  // A contest has at most 16 teams: a sheet of more than a few hundred rows is not a team list.
  const loaded = loadSheet(file, { maxRows: MAX_TEAM_ROWS, tooManyRows: 'import/too-many-sheet-rows', maxColumns: 32 });
  if (!loaded.ok) return { ok: false, problems: [{ row: loaded.row ?? null, column: null, message: errorMessage(loaded.code, locale, loaded.params) }] };
  const header = loaded.sheet.header.map((h) => h.replace(/[\s*]/g, ''));
  const find = (names: string[]) => header.findIndex((h) => names.includes(h));
  const nameCol = find(NAME_HEADERS);
  const memberCol = find(MEMBER_HEADERS);
  const memberCols = header.map((h, i) => (/^(成员|队员)[1-5一二三四五]$/.test(h) ? i : -1)).filter((i) => i >= 0);
  const countyCol = find(COUNTY_HEADERS);
  const en = locale === 'en';
  if (nameCol < 0) return { ok: false, problems: [{ row: 1, column: null, message: en ? 'Missing column: 战队名称 (team name)' : '缺少“战队名称”列' }] };
  const byName = new Map([...counties].map(([code, name]) => [name, code]));
  const problems: TeamProblem[] = [];
  const teams: ImportedTeam[] = [];
  const seen = new Set<string>();
  for (const { row, cells } of loaded.sheet.rows) {
    const name = normalizeStoredText(cells[nameCol] ?? '').normalize('NFKC');
    const members = (memberCol >= 0 ? (cells[memberCol] ?? '').split(/[,，、;；\s]+/) : memberCols.map((i) => cells[i] ?? '')).map((m) => m.trim()).filter(Boolean);
    const countyRaw = countyCol >= 0 ? (cells[countyCol] ?? '').trim() : '';
    const problem = (column: string, zh: string, english: string) => problems.push({ row, column, message: en ? english : zh });
    const unfit = name ? nameProblem(name) : null;
    if (!name || name.length > 30) problem(header[nameCol]!, '战队名称应为 1–30 个字', 'A team name has 1–30 characters');
    else if (unfit) problems.push({ row, column: header[nameCol]!, message: errorMessage(unfit, locale) });
    else if (seen.has(name)) problem(header[nameCol]!, `战队名称“${name}”重复`, `Team name "${name}" appears twice`);
    seen.add(name);
    if (members.length && (members.length < 3 || members.length > 5)) problem(memberCol >= 0 ? header[memberCol]! : '成员', `家庭战队应有 3–5 名成员，这里有 ${members.length} 名`, `A family team has 3–5 members; this row has ${members.length}`);
    if (members.some((m) => m.length > 20)) problem(memberCol >= 0 ? header[memberCol]! : '成员', '成员姓名不超过 20 个字', 'Member names have at most 20 characters');
    let county: string | undefined;
    if (countyRaw) {
      county = counties.has(countyRaw) ? countyRaw : byName.get(countyRaw);
      if (!county) problem(header[countyCol]!, `没有这个县区：${countyRaw}`, `Unknown county: ${countyRaw}`);
    }
    teams.push({ id: `t${teams.length + 1}`, name, members, ...(county ? { county } : {}) });
  }
  if (teams.length === 0) problems.push({ row: null, column: null, message: en ? 'The file has no team rows' : '文件中没有战队数据' });
  if (teams.length > 16) problems.push({ row: null, column: null, message: en ? 'At most 16 teams' : '最多 16 支战队' });
  if (problems.length > MAX_LISTED_TEAM_PROBLEMS) {
    const more = problems.length - MAX_LISTED_TEAM_PROBLEMS;
    return { ok: false, problems: [...problems.slice(0, MAX_LISTED_TEAM_PROBLEMS), { row: null, column: null, message: errorMessage('import/more-problems', locale, { count: more }) }] };
  }
  return problems.length ? { ok: false, problems } : { ok: true, teams };
}
