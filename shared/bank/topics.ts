// Kept free of zod so pages that only need labels stay small.

/** Topic sets organizers ask for; labels in both locales for pickers and exports. */
export const TOPICS = {
  concepts: { 'zh-CN': '健康理念', en: 'Health concepts' },
  'chronic-disease': { 'zh-CN': '慢性病防治', en: 'Chronic disease' },
  'infectious-disease': { 'zh-CN': '传染病防治', en: 'Infectious disease' },
  nutrition: { 'zh-CN': '合理膳食', en: 'Nutrition' },
  'physical-activity': { 'zh-CN': '科学运动', en: 'Physical activity' },
  'tobacco-alcohol': { 'zh-CN': '控烟限酒', en: 'Tobacco and alcohol' },
  'mental-health': { 'zh-CN': '心理健康', en: 'Mental health' },
  'first-aid': { 'zh-CN': '急救与安全', en: 'First aid and safety' },
  'medicine-use': { 'zh-CN': '合理用药', en: 'Medicine use' },
  'maternal-child': { 'zh-CN': '妇幼健康', en: 'Maternal and child health' },
  myopia: { 'zh-CN': '近视防控', en: 'Myopia prevention' },
  'vector-control': { 'zh-CN': '病媒生物防制', en: 'Vector control' },
  tcm: { 'zh-CN': '中医药养生保健', en: 'TCM health care' },
  'elderly-health': { 'zh-CN': '老年健康', en: 'Healthy ageing' },
  'oral-health': { 'zh-CN': '口腔健康', en: 'Oral health' },
  'environment-occupation': { 'zh-CN': '环境与职业健康', en: 'Environmental and occupational health' },
  'health-information': { 'zh-CN': '健康信息与就医', en: 'Health information and care' },
  lifestyle: { 'zh-CN': '卫生习惯与睡眠', en: 'Hygiene and sleep' },
} as const;
export type Topic = keyof typeof TOPICS;
export const TOPIC_IDS = Object.keys(TOPICS) as [Topic, ...Topic[]];
