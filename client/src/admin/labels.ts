import literacy2024 from '../../../questions/literacy-2024.json';
import { TOPIC_IDS, TOPICS, type Topic } from '../../../shared/bank/topics';
import { locale } from '../i18n';
import { ta } from '../i18n/admin';

export const topicLabel = (topic: string) => TOPICS[topic as Topic]?.[locale()] ?? topic;
export const typeLabel = (type: string) => ta(`type.${type}` as 'type.single');
export const difficultyLabel = (d: number) => ta(`difficulty.${d}` as 'difficulty.1');
export const topicIds = TOPIC_IDS;
export const ITEMS = Array.from({ length: 66 }, (_, i) => i + 1);

const ITEM_TEXT = new Map(literacy2024.items.map((i) => [i.item, i.text]));
/** The text of an item of 《中国公民健康素养—基本知识与技能（2024年版）》 (the official text is Chinese only). */
export const itemText = (n: number) => ITEM_TEXT.get(n) ?? '';
/** An item as a filter shows it: its number and the start of its text, "30. 膳食要清淡，要少盐、少油、少糖…". */
export const itemLabel = (n: number) => {
  const text = itemText(n);
  return `${n}. ${text.length > 24 ? `${text.slice(0, 24)}…` : text}`;
};
