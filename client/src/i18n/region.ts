import { choose, yourCounty, yourTownship } from './glossary/public';
import { makeTranslator, type Catalogue } from './locale';

/** Strings of the region picker. */
const messages = {
  'region.city': ['所在市（州）', 'Your city / prefecture'],
  'region.county': yourCounty,
  'region.township': yourTownship,
  'region.village': ['所在村（社区）', 'Your village / community'],
  'region.choose': choose,
  'region.search': ['输入名称查找', 'Type to search'],
  'region.none': ['没有名称含“{q}”的地区', 'No region named like “{q}”'],
} satisfies Catalogue;

export type RegionKey = keyof typeof messages;

export { messages };

/** Translates a message of the region picker (citizen quiz, audience join, admin forms). */
export const tRegion = makeTranslator(messages);
