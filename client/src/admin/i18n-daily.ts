import { makeTranslator } from '../i18n';

const zh = {
  'daily.title': '每日一学阅读',
  'daily.range': '{from} 至 {to}（中国时间）',
  'daily.hint': '居民在活动页面看到当天的健康素养条目即计一次，每部手机每天只计一次；未选择县区的居民计入“未选择县区”。',
  'daily.col.reads': '阅读次数',
  'daily.unknown': '未选择县区',
  'daily.total': '合计',
};

type DailyKey = keyof typeof zh;

const en: Record<DailyKey, string> = {
  'daily.title': 'Daily health item reads',
  'daily.range': '{from} to {to} (China time)',
  'daily.hint': 'A read is a resident seeing the day’s health-literacy item on the campaign page, counted once per phone per day; residents who have not chosen a county are listed as “No county chosen”.',
  'daily.col.reads': 'Reads',
  'daily.unknown': 'No county chosen',
  'daily.total': 'Total',
};

/** Translates a message of the 每日一学 section of the statistics page. */
export const td = makeTranslator(zh, en);
