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
  'join.title': '加入比赛',
  'join.found': '已找到比赛',
  'join.waiting': '比赛状态',
  'status.setup': '准备中',
  'status.live': '进行中',
  'status.finished': '已结束',
  'common.loading': '加载中…',
  'common.back': '返回首页',
  'common.retry': '重试',
  'common.networkError': '网络连接失败，请检查网络后重试',
  'notFound.title': '页面不存在',
  'notFound.body': '您访问的页面不存在，可能链接有误。',
  'footer.text': '内容依据《中国公民健康素养—基本知识与技能（2024年版）》',
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
  'join.title': 'Join a contest',
  'join.found': 'Contest found',
  'join.waiting': 'Status',
  'status.setup': 'Getting ready',
  'status.live': 'Live',
  'status.finished': 'Finished',
  'common.loading': 'Loading…',
  'common.back': 'Back to home',
  'common.retry': 'Retry',
  'common.networkError': 'Network error; please check your connection and retry',
  'notFound.title': 'Page not found',
  'notFound.body': 'The page you opened does not exist; the link may be wrong.',
  'footer.text': 'Content follows the Chinese Citizens’ Health Literacy — Basic Knowledge and Skills (2024)',
};

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

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

/** Translates a message key in the current locale (reactive inside JSX). */
export function t(key: MessageKey): string {
  return dictionaries[locale()][key];
}
