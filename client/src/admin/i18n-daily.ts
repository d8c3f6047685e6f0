import { literacyItem, status, total } from '../i18n/glossary/office';
import { makeTranslator, type Catalogue } from '../i18n/locale';

/** Strings of the 每日一学 section of the statistics page: reads by county and the daily push log. */
const messages = {
  'daily.title': ['每日一学阅读', 'Daily health item reads'],
  'daily.range': ['{from} 至 {to}（中国时间）', '{from} to {to} (China time)'],
  'daily.hint': [
    '居民在活动页面看到当天的健康素养条目即计一次，每部手机每天只计一次；未选择县区的居民计入“未选择县区”。',
    'A read is a resident seeing the day’s health-literacy item on the campaign page, counted once per phone per day; residents who have not chosen a county are listed as “No county chosen”.',
  ],
  'daily.col.reads': ['阅读次数', 'Reads'],
  'daily.unknown': ['未选择县区', 'No county chosen'],
  'daily.total': total,
  'push.title': ['每日推送', 'Daily push'],
  'push.hint': [
    '每天在设定时间（中国时间）把当天的条目推送给居民；推送渠道由部署配置（DAILY_PUSH）。失败的推送会自动重试，最多 3 次。',
    'Each day at the set time (China time) the day’s item is pushed to residents through the channel the deployment configures (DAILY_PUSH). A failed push is retried automatically, up to 3 times.',
  ],
  'push.none': ['还没有推送记录。', 'Nothing has been pushed yet.'],
  'push.col.day': ['日期', 'Day'],
  'push.col.item': literacyItem,
  'push.col.channel': ['渠道', 'Channel'],
  'push.col.status': status,
  'push.col.delivered': ['送达人数', 'Reached'],
  'push.col.detail': ['说明', 'Details'],
  'push.status.sending': ['发送中', 'Sending'],
  'push.status.sent': ['已推送', 'Pushed'],
  'push.status.failed': ['失败（已试 {n} 次）', 'Failed ({n} tries)'],
  'push.channel.log': ['服务器日志', 'Server log'],
  'push.channel.webhook': ['推送接口', 'Webhook'],
  'push.unknown': ['未报告', 'Not reported'],
} satisfies Catalogue;

export type DailyKey = keyof typeof messages;

export { messages };

/** Translates a message of the 每日一学 section of the statistics page. */
export const td = makeTranslator(messages);
