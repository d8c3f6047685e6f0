import { attempts } from './glossary/guide';
import { average } from './glossary/public';
import { makeTranslator, type Catalogue } from './locale';

/** Strings of a health guide's own page (on the guide's phone): their residents, attempts and rank. */
const messages = {
  'home.hello': ['{name}，您好', 'Hello, {name}'],
  'home.none': ['目前没有进行中的答题活动。', 'No quiz is open at the moment.'],
  'home.residents': ['已绑定居民', 'Residents bound'],
  'home.attempts': attempts,
  'home.average': average,
  'home.rankTownship': ['本乡镇（街道）指导员中排第 {rank} 名（共 {of} 名）', 'Rank {rank} of {of} guides in your township'],
  'home.rankCounty': ['本县（市、区）指导员中排第 {rank} 名（共 {of} 名）', 'Rank {rank} of {of} guides in your county'],
  'home.show': ['请居民用微信扫描下方二维码参加答题：', 'Residents scan this code with WeChat to take part:'],
  'home.list': ['我绑定的居民', 'My residents'],
  'home.nobody': ['还没有居民通过您的二维码参加。', 'Nobody has joined through your code yet.'],
  'home.resident': ['居民', 'Resident'],
  'home.score': ['成绩', 'Score'],
  'home.anon': ['（未留姓名）', '(no name)'],
} satisfies Catalogue;

export type GuideKey = keyof typeof messages;

export { messages };

/** Translates a message of a health guide's own page. */
export const tGuide = makeTranslator(messages);
