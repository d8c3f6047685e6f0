import { TOPIC_IDS, TOPICS, type Topic } from '../../../shared/topics';
import { locale } from '../i18n';
import { ta } from './i18n';

export const topicLabel = (topic: string) => TOPICS[topic as Topic]?.[locale()] ?? topic;
export const typeLabel = (type: string) => ta(`type.${type}` as 'type.single');
export const difficultyLabel = (d: number) => ta(`difficulty.${d}` as 'difficulty.1');
export const topicIds = TOPIC_IDS;
export const ITEMS = Array.from({ length: 66 }, (_, i) => i + 1);
