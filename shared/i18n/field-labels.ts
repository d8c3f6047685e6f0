import type { Locale } from './messages.js';

/** A field's name in a sentence ("题干", "the stem") and, for numbers, the unit the schema counts in. */
interface FieldLabel {
  'zh-CN': string;
  en: string;
  unit?: { 'zh-CN': string; en: string };
}

const SECONDS = { 'zh-CN': ' 秒', en: ' seconds' };
const MS = { 'zh-CN': ' 毫秒', en: ' ms' };

/**
 * The names of the fields people fill in, by the last named segment of an issue's path. Validation messages
 * name the field in a sentence; a field missing here is called "此项" / "this field", never a raw key.
 */
const LABELS: Record<string, FieldLabel> = {
  // questions
  id: { 'zh-CN': '编号', en: 'the id' },
  type: { 'zh-CN': '题型', en: 'the question type' },
  stem: { 'zh-CN': '题干', en: 'the stem' },
  options: { 'zh-CN': '选项', en: 'the options' },
  answer: { 'zh-CN': '正确答案', en: 'the correct answer' },
  explanation: { 'zh-CN': '解析', en: 'the explanation' },
  topic: { 'zh-CN': '主题', en: 'the topic' },
  difficulty: { 'zh-CN': '难度', en: 'the difficulty' },
  literacy: { 'zh-CN': '健康素养条目', en: 'the health-literacy item' },
  edition: { 'zh-CN': '健康素养版本', en: 'the health-literacy edition' },
  item: { 'zh-CN': '健康素养条目编号', en: 'the health-literacy item number' },
  tags: { 'zh-CN': '标签', en: 'the tags' },
  source: { 'zh-CN': '出处', en: 'the source' },
  baseRevision: { 'zh-CN': '版本号', en: 'the revision' },
  // question sets
  name: { 'zh-CN': '名称', en: 'the name' },
  description: { 'zh-CN': '说明', en: 'the description' },
  questionIds: { 'zh-CN': '题目', en: 'the questions' },
  // campaigns
  title: { 'zh-CN': '名称', en: 'the title' },
  startsAt: { 'zh-CN': '开始时间', en: 'the opening time' },
  endsAt: { 'zh-CN': '结束时间', en: 'the closing time' },
  regionCode: { 'zh-CN': '地区', en: 'the region' },
  setId: { 'zh-CN': '题目集', en: 'the question set' },
  mix: { 'zh-CN': '抽题组合', en: 'the question mix' },
  count: { 'zh-CN': '题数', en: 'the number of questions' },
  timeLimitSec: { 'zh-CN': '答题限时', en: 'the time limit', unit: SECONDS },
  attemptsPerDay: { 'zh-CN': '每天可答次数', en: 'the attempts per day' },
  attemptsTotal: { 'zh-CN': '总共可答次数', en: 'the attempts in all' },
  counting: { 'zh-CN': '计分方式', en: 'the score that counts' },
  passMark: { 'zh-CN': '及格分', en: 'the pass mark' },
  targets: { 'zh-CN': '目标人数', en: 'the target' },
  // statistics' date ranges
  from: { 'zh-CN': '开始日期', en: 'the start date' },
  to: { 'zh-CN': '结束日期', en: 'the end date' },
  // people
  username: { 'zh-CN': '用户名', en: 'the username' },
  displayName: { 'zh-CN': '姓名', en: 'the display name' },
  role: { 'zh-CN': '角色', en: 'the role' },
  password: { 'zh-CN': '密码', en: 'the password' },
  phone: { 'zh-CN': '手机号码', en: 'the mobile number' },
  teamName: { 'zh-CN': '家庭战队名称', en: 'the family team name' },
  nickname: { 'zh-CN': '昵称', en: 'the nickname' },
  countyCode: { 'zh-CN': '所在县区', en: 'the county' },
  townshipCode: { 'zh-CN': '所在乡镇（街道）', en: 'the township' },
  // contests
  teams: { 'zh-CN': '战队', en: 'the teams' },
  rounds: { 'zh-CN': '环节', en: 'the rounds' },
  members: { 'zh-CN': '成员', en: 'the members' },
  county: { 'zh-CN': '所在县（市、区）', en: 'the county' },
  baseScore: { 'zh-CN': '起始分', en: 'the starting score' },
  timeLimitMs: { 'zh-CN': '作答时间', en: 'the answer time', unit: MS },
};

/** Indexed lists whose items have a natural name: "选项 C", "第 2 队", "第 3 环节", "第 1 组". */
function itemName(list: string, index: number, locale: Locale): string | undefined {
  const zh = locale === 'zh-CN';
  switch (list) {
    case 'options':
      return zh ? `选项 ${String.fromCharCode(65 + index)}` : `option ${String.fromCharCode(65 + index)}`;
    case 'teams':
      return zh ? `第 ${index + 1} 队` : `team ${index + 1}`;
    case 'rounds':
      return zh ? `第 ${index + 1} 环节` : `round ${index + 1}`;
    case 'mix':
      return zh ? `第 ${index + 1} 组` : `slice ${index + 1}`;
    case 'tags':
      return zh ? `第 ${index + 1} 个标签` : `tag ${index + 1}`;
    default:
      return undefined;
  }
}

/**
 * The field an issue path names, for a sentence: `stem` → 题干, `options.2` → 选项 C,
 * `teams.1.name` → 第 2 队的名称, `mix.0.count` → 第 1 组的题数; unknown → 此项 / this field.
 */
export function fieldLabel(path: readonly PropertyKey[], locale: Locale): { text: string; unit: string } {
  const segments = path.map((p) => (typeof p === 'number' ? p : String(p)));
  let last = -1;
  for (let i = segments.length - 1; i >= 0; i--) {
    if (typeof segments[i] === 'string' && LABELS[segments[i] as string]) {
      last = i;
      break;
    }
  }
  const zh = locale === 'zh-CN';
  if (last < 0) return { text: zh ? '此项' : 'this field', unit: '' };
  const key = segments[last] as string;
  const label = LABELS[key]!;
  const unit = label.unit?.[locale] ?? '';
  const next = segments[last + 1];
  // The field is itself an item of a list ("options.2"): name the item.
  if (typeof next === 'number') {
    const item = itemName(key, next, locale);
    if (item) return { text: item, unit };
  }
  // The field belongs to an item of a list ("teams.1.name"): say whose.
  const owner = segments[last - 2];
  const index = segments[last - 1];
  if (typeof owner === 'string' && typeof index === 'number') {
    const item = itemName(owner, index, locale);
    if (item) return { text: zh ? `${item}的${label['zh-CN']}` : `${label.en} of ${item}`, unit };
  }
  return { text: label[locale], unit };
}
