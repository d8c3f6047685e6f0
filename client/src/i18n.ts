import { createSignal } from 'solid-js';
import { pickLocale, type Locale } from '../../shared/i18n';

const zh = {
  'app.title': '健康知识竞赛',
  'app.subtitle': '健康中国行动 · 全民健康素养知识竞赛',
  'lang.switch': 'English',
  'lang.switchLabel': '切换到英文',
  'landing.quiz.title': '线上答题',
  'landing.quiz.body': '选择所在县区，随时参加正在进行的健康知识答题活动，答完即可查看成绩和解析。',
  'landing.quiz.action': '去答题',
  'landing.join.title': '加入现场比赛',
  'landing.join.body': '输入大屏幕上显示的 6 位比赛 PIN 码，作为家庭战队或观众参与。',
  'landing.join.pinLabel': '比赛 PIN 码',
  'landing.join.action': '加入',
  'landing.join.pinInvalid': 'PIN 码是 6 位数字',
  'quiz.title': '正在进行的答题活动',
  'quiz.empty': '目前没有正在进行的答题活动。活动开始后，这里会列出可以参加的答题。',
  'quiz.until': '截止',
  'common.loading': '加载中…',
  'common.back': '返回首页',
  'common.retry': '重试',
  'common.networkError': '网络连接失败，请检查网络后重试',
  'notFound.title': '页面不存在',
  'notFound.body': '您访问的页面不存在，可能链接有误。',
  'footer.text': '内容依据《中国公民健康素养—基本知识与技能（2024年版）》',
  'board.subtitle': '各县（市、区）参与情况 · 实时更新',
  'board.total': '累计参与人数',
  'board.live': '● 实时',
  'board.offline': '○ 重新连接中',
  'board.rank': '排名',
  'board.county': '县（市、区）',
  'board.participants': '参与人数',
  'board.rate': '参与率',
  'board.average': '平均分',
  'board.scan': '扫码参与答题',
  'play.rules': '共 {n} 题，限时 {min} 分钟；每天可答 {day} 次，共 {total} 次。',
  'play.window': '活动时间：{from} 至 {to}',
  'play.county': '所在县（市、区）',
  'play.countyPlaceholder': '请选择',
  'play.name': '姓名',
  'play.phone': '手机号码',
  'play.phoneHint': '页面中只显示部分号码',
  'play.recoveryCode': '找回码（换手机继续答题时填写）',
  'play.recoveryHint': '首次答题时显示；新参与者请留空',
  'play.recoveryShown': '您的找回码：{code}。请截图或抄下，换手机继续答题时需要手机号和找回码。',
  'play.team': '家庭战队名称',
  'play.start': '开始答题',
  'play.resume': '继续答题',
  'play.progress': '第 {i} / {n} 题',
  'play.remaining': '剩余时间',
  'play.prev': '上一题',
  'play.next': '下一题',
  'play.submit': '提交答卷',
  'play.unanswered': '还有 {n} 题未作答，确定提交吗？',
  'play.submitting': '正在提交…',
  'play.timeUp': '时间到，正在自动提交',
  'play.multipleHint': '多选题：请选出全部正确答案',
  'play.score': '本次得分',
  'play.correctCount': '答对 {c} / {n} 题',
  'play.passed': '已及格',
  'play.notPassed': '未及格',
  'play.counted': '计入成绩：{score} 分',
  'play.review': '答题解析',
  'play.yourAnswer': '你的答案',
  'play.rightAnswer': '正确答案',
  'play.noAnswer': '未作答',
  'play.again': '再答一次',
  'play.notStarted': '活动尚未开始',
  'play.ended': '活动已经结束',
  'play.chooseCounty': '请选择所在县（市、区）',
  'play.township': '所在乡镇（街道）',
  'play.chooseTownship': '请选择所在乡镇（街道）',
  'play.retrySubmit': '网络不稳定，答案已保存在本机，请点击重新提交',
  'play.left': '今天还可答 {today} 次，总共还可答 {total} 次',
  'play.noneToday': '今天的答题次数已用完，请明天再来',
  'play.noneLeft': '您的答题次数已全部用完，感谢参与',
  'play.standing': '我的排名',
  'play.countyRank': '{county}参与人数在 {of} 个县（市、区）中排第 {rank} 名',
  'play.rankInCounty': '您的成绩在{county} {n} 位参与者中排第 {rank} 名',
  'play.rankPending': '正在查询排名…',
  'daily.title': '每日一学',
  'daily.item': '第 {n} 条',
  'daily.dim.knowledge': '基本健康知识和理念',
  'daily.dim.lifestyle': '健康生活方式与行为',
  'daily.dim.skills': '健康基本技能',
  'daily.source': '摘自《中国公民健康素养—基本知识与技能（2024年版）》',
  'daily.share': '分享给家人朋友',
  'daily.shareText': '{title} · 每日一学（健康素养第 {n} 条）：{text}',
  'daily.copied': '已复制，可以粘贴到微信发给家人朋友',
  'daily.copyManual': '无法自动复制，请长按下面的链接复制：',
  'daily.link': '活动链接',
  'elder.on': '长辈模式',
  'elder.label': '切换长辈模式：字更大、对比更强、按钮更大',
};

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.title': 'Health Knowledge Quiz',
  'app.subtitle': 'Healthy China Action · Health literacy quiz',
  'lang.switch': '中文',
  'lang.switchLabel': 'Switch to Chinese',
  'landing.quiz.title': 'Online quiz',
  'landing.quiz.body': 'Pick your county and take part in an open health quiz; see your score and the explanations when you finish.',
  'landing.quiz.action': 'Take a quiz',
  'landing.join.title': 'Join a live contest',
  'landing.join.body': 'Enter the 6-digit PIN shown on the big screen to play as a family team or in the audience.',
  'landing.join.pinLabel': 'Contest PIN',
  'landing.join.action': 'Join',
  'landing.join.pinInvalid': 'A PIN is 6 digits',
  'quiz.title': 'Open quizzes',
  'quiz.empty': 'No quiz is open right now. Open quizzes will be listed here.',
  'quiz.until': 'Closes',
  'common.loading': 'Loading…',
  'common.back': 'Back to home',
  'common.retry': 'Retry',
  'common.networkError': 'Network error; please check your connection and retry',
  'notFound.title': 'Page not found',
  'notFound.body': 'The page you opened does not exist; the link may be wrong.',
  'footer.text': 'Content follows the Chinese Citizens’ Health Literacy — Basic Knowledge and Skills (2024)',
  'board.subtitle': 'Participation by county · live',
  'board.total': 'Participants so far',
  'board.live': '● Live',
  'board.offline': '○ Reconnecting',
  'board.rank': 'Rank',
  'board.county': 'County',
  'board.participants': 'Participants',
  'board.rate': 'Rate',
  'board.average': 'Average',
  'board.scan': 'Scan to take the quiz',
  'play.rules': '{n} questions, {min} minutes; {day} attempts a day, {total} in all.',
  'play.window': 'Open from {from} to {to}',
  'play.county': 'Your county / district',
  'play.countyPlaceholder': 'Choose',
  'play.name': 'Name',
  'play.phone': 'Mobile number',
  'play.phoneHint': 'Shown masked',
  'play.recoveryCode': 'Recovery code (to continue on another phone)',
  'play.recoveryHint': 'Shown at your first start; leave empty if you are new',
  'play.recoveryShown': 'Your recovery code: {code}. Take a screenshot or write it down: continuing on another phone needs your number and this code.',
  'play.team': 'Family team name',
  'play.start': 'Start',
  'play.resume': 'Continue',
  'play.progress': 'Question {i} of {n}',
  'play.remaining': 'Time left',
  'play.prev': 'Previous',
  'play.next': 'Next',
  'play.submit': 'Submit',
  'play.unanswered': '{n} questions are unanswered. Submit anyway?',
  'play.submitting': 'Submitting…',
  'play.timeUp': 'Time is up; submitting',
  'play.multipleHint': 'Multiple choice: pick every right answer',
  'play.score': 'Your score',
  'play.correctCount': '{c} of {n} right',
  'play.passed': 'Passed',
  'play.notPassed': 'Not passed',
  'play.counted': 'Counted score: {score}',
  'play.review': 'Answers explained',
  'play.yourAnswer': 'Your answer',
  'play.rightAnswer': 'Right answer',
  'play.noAnswer': 'No answer',
  'play.again': 'Try again',
  'play.notStarted': 'Not open yet',
  'play.ended': 'This quiz has ended',
  'play.chooseCounty': 'Choose your county',
  'play.township': 'Your township / subdistrict',
  'play.chooseTownship': 'Choose your township or subdistrict',
  'play.retrySubmit': 'The network is unstable; your answers are kept on this phone. Tap to submit again',
  'play.left': '{today} more today, {total} left in all',
  'play.noneToday': 'No attempts left today; please come back tomorrow',
  'play.noneLeft': 'You have used all your attempts. Thank you for taking part',
  'play.standing': 'Where you stand',
  'play.countyRank': '{county} is number {rank} of {of} counties by participants',
  'play.rankInCounty': 'Your score ranks {rank} of {n} participants in {county}',
  'play.rankPending': 'Looking up your rank…',
  'daily.title': 'Daily health item',
  'daily.item': 'Item {n}',
  'daily.dim.knowledge': 'Basic knowledge and concepts',
  'daily.dim.lifestyle': 'Healthy lifestyle and behaviour',
  'daily.dim.skills': 'Basic health skills',
  'daily.source': 'From Chinese Citizens’ Health Literacy — Basic Knowledge and Skills (2024); the official text is in Chinese',
  'daily.share': 'Share with family and friends',
  'daily.shareText': '{title} · Daily health item (health literacy item {n}): {text}',
  'daily.copied': 'Copied: paste it into WeChat to send it to family and friends',
  'daily.copyManual': 'Could not copy automatically; press and hold the link below to copy it:',
  'daily.link': 'Campaign link',
  'elder.on': 'Large text',
  'elder.label': 'Switch large-text mode for older readers: bigger text, stronger contrast, bigger buttons',
};


function initialLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('lang');
  return pickLocale(stored ?? 'zh-CN');
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());

/** The current UI locale (reactive). */
export { locale };

/** Switches the UI language and remembers it on this device (and for the server, in a cookie). */
export function setLocale(next: Locale) {
  setLocaleSignal(next);
  localStorage.setItem('lang', next);
  document.cookie = `lang=${next}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = next;
}

/** Fills `{name}` placeholders of a message. */
export function fill(template: string, params?: Record<string, string | number>): string {
  return params ? template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : template;
}

/**
 * A translate function over a pair of dictionaries. Pages keep their own strings in their own chunk
 * (the admin, the stage, the phones), so a citizen's phone never downloads the back office's words.
 */
export function makeTranslator<K extends string>(zh: Record<K, string>, en: Record<K, string>) {
  return (key: K, params?: Record<string, string | number>): string => fill((locale() === 'en' ? en : zh)[key], params);
}

/** Translates a message key in the current locale (reactive inside JSX), filling `{name}` placeholders. */
export const t = makeTranslator(zh, en);
