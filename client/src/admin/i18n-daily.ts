import { makeTranslator } from '../i18n';

const zh = {
  'daily.title': '每日一学阅读',
  'daily.range': '{from} 至 {to}（中国时间）',
  'daily.hint': '居民在活动页面看到当天的健康素养条目即计一次，每部手机每天只计一次；未选择县区的居民计入“未选择县区”。',
  'daily.col.reads': '阅读次数',
  'daily.unknown': '未选择县区',
  'daily.total': '合计',
  'push.title': '每日推送',
  'push.hint': '每天在设定时间（中国时间）把当天的条目推送给居民；推送渠道由部署配置（DAILY_PUSH）。失败的推送会自动重试，最多 3 次。',
  'push.none': '还没有推送记录。',
  'push.col.day': '日期',
  'push.col.item': '条目',
  'push.col.channel': '渠道',
  'push.col.status': '状态',
  'push.col.delivered': '送达人数',
  'push.col.detail': '说明',
  'push.status.sending': '发送中',
  'push.status.sent': '已推送',
  'push.status.failed': '失败（已试 {n} 次）',
  'push.channel.log': '服务器日志',
  'push.channel.webhook': '推送接口',
  'push.unknown': '未报告',
};

type DailyKey = keyof typeof zh;

const en: Record<DailyKey, string> = {
  'daily.title': 'Daily health item reads',
  'daily.range': '{from} to {to} (China time)',
  'daily.hint': 'A read is a resident seeing the day’s health-literacy item on the campaign page, counted once per phone per day; residents who have not chosen a county are listed as “No county chosen”.',
  'daily.col.reads': 'Reads',
  'daily.unknown': 'No county chosen',
  'daily.total': 'Total',
  'push.title': 'Daily push',
  'push.hint': 'Each day at the set time (China time) the day’s item is pushed to residents through the channel the deployment configures (DAILY_PUSH). A failed push is retried automatically, up to 3 times.',
  'push.none': 'Nothing has been pushed yet.',
  'push.col.day': 'Day',
  'push.col.item': 'Item',
  'push.col.channel': 'Channel',
  'push.col.status': 'Status',
  'push.col.delivered': 'Reached',
  'push.col.detail': 'Details',
  'push.status.sending': 'Sending',
  'push.status.sent': 'Pushed',
  'push.status.failed': 'Failed ({n} tries)',
  'push.channel.log': 'Server log',
  'push.channel.webhook': 'Webhook',
  'push.unknown': 'Not reported',
};

/** Translates a message of the 每日一学 section of the statistics page. */
export const td = makeTranslator(zh, en);
