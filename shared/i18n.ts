/** Locales the product speaks; Simplified Chinese first. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/**
 * Picks a supported locale from an explicit choice or an Accept-Language header.
 * Anything unrecognised falls back to Chinese, the language of the product's users.
 */
export function pickLocale(requested: string | null | undefined): Locale {
  if (!requested) return DEFAULT_LOCALE;
  for (const part of requested.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

/** Messages for error codes shared by server and client. `{name}` placeholders are filled by `errorMessage`. */
export const ERROR_MESSAGES = {
  'input/invalid': { 'zh-CN': '提交的内容有误，请检查后重试', en: 'The submitted data is invalid; please check it and try again' },
  'input/too-large': { 'zh-CN': '提交的内容过大', en: 'The submitted data is too large' },
  'input/malformed-json': { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  'route/not-found': { 'zh-CN': '找不到请求的接口', en: 'No such API endpoint' },
  'region/not-found': { 'zh-CN': '找不到该地区：{code}', en: 'No such region: {code}' },
  'contest/pin-not-found': { 'zh-CN': '没有找到 PIN 为 {pin} 的比赛，请核对后重试', en: 'No contest has PIN {pin}; please check it and try again' },
  'contest/finished': { 'zh-CN': '该比赛已经结束', en: 'This contest has finished' },
  'contest/not-found': { 'zh-CN': '找不到该比赛', en: 'No such contest' },
  'contest/owner-moved': { 'zh-CN': '比赛服务正在切换服务器，请稍候几秒再试', en: 'The contest is moving to another server; please try again in a few seconds' },
  'contest/set-missing': { 'zh-CN': '第 {round} 环节选择的题目集不存在', en: 'The question set of round {round} does not exist' },
  'contest/set-empty': { 'zh-CN': '第 {round} 环节的题目集中没有可用的题目', en: 'The question set of round {round} has no usable questions' },
  'contest/invalid-config': { 'zh-CN': '比赛设置有误，请检查标出的项目', en: 'The contest settings are invalid; check the marked fields' },
  'contest/started': { 'zh-CN': '比赛已经开始，不能再修改设置（彩排可先清除数据）', en: 'The contest has started and can no longer be edited (reset a rehearsal first)' },
  'contest/not-rehearsal': { 'zh-CN': '只有彩排比赛可以清除数据', en: 'Only a rehearsal can be reset' },
  'contest/bad-token': { 'zh-CN': '设备链接无效或已过期，请向工作人员索取新的链接', en: 'This device link is invalid or outdated; ask the staff for a new one' },
  'contest/host-only': { 'zh-CN': '请先用主持人、组织者或管理员账号登录', en: 'Sign in with a host, organizer or admin account first' },
  'contest/nickname-required': { 'zh-CN': '请填写昵称', en: 'Please enter a nickname' },
  'auth/required': { 'zh-CN': '请先登录', en: 'Please sign in first' },
  'auth/forbidden': { 'zh-CN': '您的账号没有此操作的权限', en: 'Your account is not allowed to do this' },
  'auth/bad-credentials': { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'auth/rate-limited': { 'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试', en: 'Too many failed sign-ins; try again in {minutes} minutes' },
  'auth/csrf': { 'zh-CN': '页面已过期，请刷新后重试', en: 'This page has expired; reload and try again' },
  'auth/password-weak': { 'zh-CN': '密码至少 10 位，且包含字母、数字或符号中的两类', en: 'Passwords need 10+ characters mixing at least two of letters, digits and symbols' },
  'auth/username-taken': { 'zh-CN': '用户名 {username} 已被使用', en: 'The username {username} is taken' },
  'auth/cannot-disable-self': { 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account' },
  'user/not-found': { 'zh-CN': '找不到该用户', en: 'No such user' },
  'question/revision-conflict': { 'zh-CN': '这道题已被他人修改（当前为第 {revision} 版），请刷新后再编辑', en: 'Someone else changed this question (now revision {revision}); reload before editing' },
  'question/id-taken': { 'zh-CN': '题目编号 {id} 已存在', en: 'Question id {id} already exists' },
  'question/stem-exists': { 'zh-CN': '题库中已有相同题干的题目：{id}', en: 'The bank already has a question with this stem: {id}' },
  'set/not-found': { 'zh-CN': '找不到该题目集', en: 'No such question set' },
  'set/unknown-questions': { 'zh-CN': '题目集中有不存在的题目：{ids}', en: 'The set lists questions that do not exist: {ids}' },
  'set/retired-questions': { 'zh-CN': '题目集中有已停用的题目：{ids}', en: 'The set lists retired questions: {ids}' },
  'import/no-file': { 'zh-CN': '请选择要导入的 Excel 或 CSV 文件', en: 'Choose an Excel or CSV file to import' },
  'campaign/window': { 'zh-CN': '结束时间必须晚于开始时间', en: 'The end must be after the start' },
  'campaign/attempts': { 'zh-CN': '总答题次数不能少于每天答题次数', en: 'Total attempts cannot be fewer than attempts per day' },
  'quiz/campaign-not-found': { 'zh-CN': '找不到该答题活动', en: 'No such quiz campaign' },
  'quiz/not-started': { 'zh-CN': '答题活动尚未开始，开始时间：{at}', en: 'This quiz has not started yet; it opens {at}' },
  'quiz/ended': { 'zh-CN': '答题活动已经结束', en: 'This quiz has ended' },
  'quiz/bad-county': { 'zh-CN': '请选择本次活动范围内的县区', en: 'Choose a county taking part in this quiz' },
  'quiz/township-required': { 'zh-CN': '请选择所在乡镇（街道）', en: 'Please choose your township or subdistrict' },
  'quiz/bad-township': { 'zh-CN': '所选乡镇（街道）不属于该县（市、区）', en: 'That township is not in the chosen county' },
  'quiz/name-required': { 'zh-CN': '请填写姓名', en: 'Please fill in your name' },
  'quiz/team-required': { 'zh-CN': '请填写家庭战队名称', en: 'Please fill in your family team name' },
  'quiz/bad-phone': { 'zh-CN': '请输入正确的 11 位手机号码', en: 'Enter a valid 11-digit mobile number' },
  'quiz/limit-day': { 'zh-CN': '今天的 {n} 次答题机会已用完，请明天再来', en: 'You have used today’s {n} attempts; come back tomorrow' },
  'quiz/limit-total': { 'zh-CN': '本次活动的 {n} 次答题机会已全部用完', en: 'You have used all {n} attempts of this quiz' },
  'quiz/attempt-not-found': { 'zh-CN': '找不到这次答题记录，请重新开始', en: 'This attempt was not found; please start again' },
  'quiz/already-submitted': { 'zh-CN': '这次答题已经提交过了，不能重复提交', en: 'This attempt was already submitted' },
  'quiz/deadline-passed': { 'zh-CN': '答题时间已到，本次提交无效', en: 'Time is up; this submission was not accepted' },
  'quiz/answer-count': { 'zh-CN': '答案数量与题目数量不一致', en: 'The number of answers does not match the questions' },
  'quiz/bad-answer': { 'zh-CN': '第 {n} 题的答案无效', en: 'The answer to question {n} is invalid' },
  'quiz/pool-too-small': { 'zh-CN': '题库中符合第 {slice} 组抽题条件的题目只有 {available} 道，不够抽取', en: 'Only {available} questions match mix slice {slice}: not enough to draw' },
  'quiz/busy': { 'zh-CN': '服务器繁忙，请稍后再试', en: 'The server is busy; please try again' },
  'name/link': { 'zh-CN': '名称中不能包含网址', en: 'Names cannot contain web addresses' },
  'name/contact': { 'zh-CN': '名称中不能包含电话、微信等联系方式', en: 'Names cannot contain phone numbers or other contact details' },
  'name/abuse': { 'zh-CN': '名称中含有不文明用语，请换一个', en: 'This name contains offensive words; please choose another' },
  'rate/limited': { 'zh-CN': '操作太频繁，请稍后再试', en: 'Too many requests; please slow down' },
  'question/not-found': { 'zh-CN': '找不到该题目：{id}', en: 'No such question: {id}' },
  'server/internal': { 'zh-CN': '服务器内部错误，请稍后重试', en: 'Internal server error; please try again later' },
  'server/unavailable': { 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
  // Field-level validation messages raised by our own schema refinements.
  'question/answer-out-of-range': { 'zh-CN': '答案 {letter} 没有对应的选项（共 {count} 个选项）', en: 'Answer {letter} has no matching option ({count} options)' },
  'question/answer-duplicate': { 'zh-CN': '答案中的字母 {letter} 重复', en: 'Answer letter {letter} appears twice' },
  'question/multiple-needs-two': { 'zh-CN': '多选题至少要有两个正确答案', en: 'A multiple-choice question needs at least two correct answers' },
  'question/multiple-not-all': { 'zh-CN': '多选题不能所有选项都正确', en: 'A multiple-choice question cannot have every option correct' },
  'question/duplicate-option': { 'zh-CN': '选项 {a} 与选项 {b} 内容重复', en: 'Option {a} repeats option {b}' },
  'question/item-out-of-range': { 'zh-CN': '{edition} 年版健康素养只有 66 条，第 {item} 条不存在', en: 'The {edition} edition has 66 items; item {item} does not exist' },
  'text/control-chars': { 'zh-CN': '包含不可见的控制字符', en: 'Contains invisible control characters' },
  'text/blank': { 'zh-CN': '不能为空白', en: 'Must not be blank' },
  // Spreadsheet import (server/bank-io.ts): file-level problems, then cell-level ones (row and column are reported separately).
  'import/empty-file': { 'zh-CN': '文件是空的', en: 'The file is empty' },
  'import/no-rows': { 'zh-CN': '文件只有表头，没有题目', en: 'The file has a header row but no questions' },
  'import/not-xlsx': { 'zh-CN': '文件不是有效的 Excel (.xlsx) 文件', en: 'The file is not a valid Excel (.xlsx) file' },
  'import/xls-unsupported': { 'zh-CN': '不支持旧版 Excel (.xls) 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入', en: 'Old Excel (.xls) files are not supported; save the file as .xlsx in Excel or WPS and import it again' },
  'import/unsupported-format': { 'zh-CN': '无法识别的文件格式，请上传 .xlsx 或 .csv 文件', en: 'Unrecognized file format; upload an .xlsx or .csv file' },
  'import/csv-unclosed-quote': { 'zh-CN': 'CSV 文件中从这一行开始的引号没有闭合', en: 'A quoted field starting on this row of the CSV file is never closed' },
  'import/missing-headers': { 'zh-CN': '第 1 行表头缺少必填列：{columns}', en: 'The header row (row 1) lacks required columns: {columns}' },
  'import/duplicate-header': { 'zh-CN': '表头中“{a}”和“{b}”是同一列，请只保留一个', en: 'Columns "{a}" and "{b}" mean the same thing; keep only one' },
  'import/too-many-rows': { 'zh-CN': '文件共有 {count} 道题，超过单次导入上限 {max} 道，请分成几个文件导入', en: 'The file has {count} questions, more than the limit of {max} per import; split it into several files' },
  'import/required': { 'zh-CN': '必填，不能为空', en: 'Required; must not be empty' },
  'import/bad-id': { 'zh-CN': '编号“{value}”无效：只能用小写字母、数字和连字符（2–64 个字符），也可以留空自动生成', en: 'Invalid id "{value}": use lowercase letters, digits and hyphens (2–64 characters), or leave it empty to generate one' },
  'import/bad-type': { 'zh-CN': '题型“{value}”无法识别，应为 单选、多选 或 判断', en: 'Unknown question type "{value}"; use 单选 (single), 多选 (multiple) or 判断 (true/false)' },
  'import/bad-letters': { 'zh-CN': '答案“{value}”无法识别，应填选项字母 A–F，如 B 或 ACD', en: 'Answer "{value}" is not recognized; use option letters A–F such as B or ACD' },
  'import/single-one-letter': { 'zh-CN': '单选题只能有一个答案，这里填了 {value}', en: 'A single-choice question has exactly one answer, but {value} was given' },
  'import/bad-truefalse': { 'zh-CN': '判断题答案“{value}”无法识别，应为 正确 或 错误', en: 'True/false answer "{value}" is not recognized; use 正确 (true) or 错误 (false)' },
  'import/truefalse-options': { 'zh-CN': '判断题不需要填写选项（如填写，只能是“正确”“错误”两项）', en: 'True/false questions take no options (if given, only the pair 正确 / 错误)' },
  'import/option-gap': { 'zh-CN': '选项 {letter} 为空，但后面还有选项', en: 'Option {letter} is empty but later options are filled' },
  'import/too-few-options': { 'zh-CN': '至少需要 {min} 个选项', en: 'At least {min} options are needed' },
  'import/bad-topic': { 'zh-CN': '主题“{value}”不在主题列表中（见模板中的“填写说明”）', en: 'Unknown topic "{value}" (see the 填写说明 sheet of the template)' },
  'import/bad-difficulty': { 'zh-CN': '难度“{value}”无法识别，应为 易、中、难 或 1、2、3', en: 'Unknown difficulty "{value}"; use 易, 中, 难 or 1, 2, 3' },
  'import/bad-literacy': { 'zh-CN': '知识点“{value}”无法识别，应写成 2024-30、2024年版第30条 或 第30条', en: 'Health-literacy item "{value}" is not recognized; write it as 2024-30, 2024年版第30条 or 第30条' },
  'import/text-too-short': { 'zh-CN': '太短，至少需要 {min} 个字', en: 'Too short: at least {min} characters' },
  'import/text-too-long': { 'zh-CN': '太长，最多 {max} 个字（现有 {length} 个字）', en: 'Too long: at most {max} characters (has {length})' },
  'import/too-many-tags': { 'zh-CN': '标签最多 {max} 个', en: 'At most {max} tags' },
  'import/duplicate-id': { 'zh-CN': '编号 {id} 与第 {row} 行重复', en: 'Id {id} repeats row {row}' },
  'import/existing-id': { 'zh-CN': '题库中已有编号为 {id} 的题目', en: 'The bank already has a question with id {id}' },
  'import/duplicate-stem': { 'zh-CN': '题干与第 {row} 行重复', en: 'The stem repeats row {row}' },
  'import/existing-stem': { 'zh-CN': '题库中已有相同题干的题目', en: 'The bank already has a question with this stem' },
  'import/more-problems': { 'zh-CN': '还有 {count} 个问题未列出', en: '{count} more problems not listed' },
  'import/at-row': { 'zh-CN': '第 {row} 行：{message}', en: 'Row {row}: {message}' },
  'import/at-cell': { 'zh-CN': '第 {row} 行“{column}”列：{message}', en: 'Row {row}, column {column}: {message}' },
  // Live contest engine (shared/contest/): configuration problems, then rejected commands.
  'contest/bonus-over-points': { 'zh-CN': '速度加分上限不能超过答对得分（{max}）', en: 'The speed bonus cap cannot exceed the points for a right answer ({max})' },
  'contest/duplicate-team': { 'zh-CN': '战队编号 {id} 重复', en: 'Team id {id} appears twice' },
  'contest/duplicate-round': { 'zh-CN': '环节编号 {id} 重复', en: 'Round id {id} appears twice' },
  'contest/duplicate-judge': { 'zh-CN': '评委编号 {id} 重复', en: 'Judge id {id} appears twice' },
  'contest/duplicate-question': { 'zh-CN': '题目 {id} 在比赛中出现了两次', en: 'Question {id} appears twice in the contest' },
  'contest/duplicate-stake': { 'zh-CN': '分值 {id} 重复', en: 'Stake {id} appears twice' },
  'contest/too-few-stakes': { 'zh-CN': '风险题有 {questions} 道，但分值只有 {stakes} 个，每个分值每队只能用一次', en: 'The risk round has {questions} questions but only {stakes} stakes; each team can use a stake once' },
  'contest/trimmed-needs-three': { 'zh-CN': '去掉最高分和最低分至少需要 3 位评委', en: 'Dropping the highest and lowest scores needs at least 3 judges' },
  'contest/score-range': { 'zh-CN': '评分范围无效：最低分 {min} 应小于最高分 {max}', en: 'Invalid score range: the minimum {min} must be below the maximum {max}' },
  'contest/unknown-team': { 'zh-CN': '没有这支战队：{teamId}', en: 'No such team: {teamId}' },
  'contest/bad-delta': { 'zh-CN': '调整分值不能为 0，最多保留两位小数', en: 'A score adjustment must be non-zero with at most two decimals' },
  'contest/invalid-command': { 'zh-CN': '指令格式不正确（{path}）', en: 'Malformed command ({path})' },
  'contest/wrong-role': { 'zh-CN': '您的身份不能执行此操作（需要：{expected}）', en: 'Your role cannot do this (needs: {expected})' },
  'contest/bad-actor': { 'zh-CN': '连接身份无效，请重新加入比赛', en: 'Invalid connection identity; please join the contest again' },
  'contest/wrong-phase': { 'zh-CN': '当前环节（{phase}）不能执行此操作', en: 'This cannot be done in the current phase ({phase})' },
  'contest/wrong-round': { 'zh-CN': '本环节（{kind}）不支持此操作', en: 'This round ({kind}) does not support this' },
  'contest/paused': { 'zh-CN': '比赛已暂停', en: 'The contest is paused' },
  'contest/not-paused': { 'zh-CN': '比赛没有暂停', en: 'The contest is not paused' },
  'contest/already-paused': { 'zh-CN': '比赛已经暂停', en: 'The contest is already paused' },
  'contest/stale-phase': { 'zh-CN': '比赛状态已变化，请看清当前画面后再操作', en: 'The contest has moved on; check the current screen and try again' },
  'contest/stale-question': { 'zh-CN': '这道题已经结束', en: 'That question is over' },
  'contest/too-late': { 'zh-CN': '作答时间已到', en: 'Time is up' },
  'contest/already-answered': { 'zh-CN': '本题已经作答，不能修改', en: 'This question is already answered; answers cannot be changed' },
  'contest/unknown-option': { 'zh-CN': '没有第 {index} 个选项', en: 'There is no option number {index}' },
  'contest/invalid-answer': { 'zh-CN': '答案不符合题型要求（单选题和判断题只能选一个，选项不能重复）', en: 'The answer does not fit the question (single choice and true/false take one option; no repeats)' },
  'contest/passed': { 'zh-CN': '你们已放弃本题', en: 'Your team passed on this question' },
  'contest/answer-mode': { 'zh-CN': '本环节的作答方式不支持此操作', en: 'The answer mode of this round does not allow this' },
  'contest/judge-first': { 'zh-CN': '请先判定当前战队的回答', en: 'Judge the current team’s answer first' },
  'contest/not-answering-team': { 'zh-CN': '现在不是你们作答', en: 'It is not your team’s turn to answer' },
  'contest/buzz-closed': { 'zh-CN': '抢答已结束', en: 'Buzzing is closed' },
  'contest/already-buzzed': { 'zh-CN': '你们已经抢答过了', en: 'Your team has already buzzed' },
  'contest/buzz-excluded': { 'zh-CN': '你们本题不能再抢答', en: 'Your team may not buzz on this question' },
  'contest/already-false-started': { 'zh-CN': '你们已经抢跑过一次，请等待主持人宣布开始抢答', en: 'Your team already false-started; wait for the host to open buzzing' },
  'contest/not-your-turn': { 'zh-CN': '还没轮到你们选择分值', en: 'It is not your team’s turn to pick a stake' },
  'contest/unknown-stake': { 'zh-CN': '没有 {stake} 分这个分值', en: 'There is no stake of {stake}' },
  'contest/stake-used': { 'zh-CN': '{stake} 分已经用过了', en: 'The stake of {stake} is already used' },
  'contest/pass-not-allowed': { 'zh-CN': '本环节不能放弃', en: 'Passing is not allowed in this round' },
  'contest/no-tie': { 'zh-CN': '没有需要加赛的并列名次', en: 'There is no tie to play off' },
  'contest/not-in-tiebreak': { 'zh-CN': '你们不在本轮加赛中', en: 'Your team is not in this tie-break' },
  'contest/no-more-questions': { 'zh-CN': '本环节的题目已经用完', en: 'This round has no more questions' },
  'contest/nothing-to-undo': { 'zh-CN': '没有可以撤销的操作', en: 'There is nothing to undo' },
  'contest/not-joined': { 'zh-CN': '请先加入比赛', en: 'Join the contest first' },
  'contest/county-locked': { 'zh-CN': '已经作答后不能更改所在县区', en: 'The county cannot change after answering' },
  'contest/audience-closed': { 'zh-CN': '本题观众不参与作答', en: 'The audience does not answer this question' },
  'contest/not-a-judge': { 'zh-CN': '您不是本环节的评委', en: 'You are not a judge of this round' },
  'contest/not-current-team': { 'zh-CN': '现在不是为该战队评分', en: 'That team is not being scored now' },
  'contest/already-scored': { 'zh-CN': '您已经为该战队评过分', en: 'You have already scored this team' },
  'contest/score-out-of-range': { 'zh-CN': '评分应在 {min} 到 {max} 之间，最多两位小数', en: 'Scores go from {min} to {max} with at most two decimals' },
  'contest/not-enough-scores': { 'zh-CN': '至少需要 {min} 位评委的评分', en: 'At least {min} judges must have scored' },
  'contest/no-more-teams': { 'zh-CN': '所有战队都已评分', en: 'Every team has been scored' },
  'contest/already-judged': { 'zh-CN': '该战队已经评过分', en: 'That team has already been scored' },
} satisfies Catalog;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Narrows an arbitrary string to a known message code. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code);
}

/** Renders the message for an error code in a locale, filling `{name}` placeholders from `params`. */
export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, string | number> = {}): string {
  const template: string = ERROR_MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}
