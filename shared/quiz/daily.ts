import { chinaDay, seededRandom, shuffle } from './campaign.js';
import type { LiteracyDimension } from '../bank/question.js';

/**
 * 每日一学: one item of 《中国公民健康素养—基本知识与技能（2024年版）》 a day per campaign. Everyone sees the same
 * card on the same China day; within a campaign the items come in an order of their own (a permutation seeded by
 * the campaign's id) and every usable item comes once before any comes again. Pure: the day is worked out from
 * a timestamp the caller passes.
 */

/** The calendar day (YYYY-MM-DD) of a timestamp in China Standard Time (UTC+8), the day campaigns count in. */
export { chinaDay };

/** An item as `questions/literacy-2024.json` lists it; `unverified` marks wording not yet checked against the official text. */
export interface LiteracyItem {
  item: number;
  dimension: LiteracyDimension;
  text: string;
  unverified?: boolean;
}

/** The day's card, as `GET /api/quiz/:id/daily` answers. */
export interface DailyCard {
  /** The China day it is the card of. */
  day: string;
  edition: '2024';
  item: number;
  dimension: LiteracyDimension;
  text: string;
}

/** Day 0 of the cycle: a fixed date, so the day's position does not depend on when a server started. */
export const DAILY_EPOCH = '2024-01-01';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether a string is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === value;
}

/** Days from `from` to `to` (negative when `to` is earlier); both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The day `n` days after `day` (before it for a negative `n`). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** A 32-bit seed from a campaign id (FNV-1a over its UTF-16 code units). */
export function campaignSeed(campaignId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < campaignId.length; i++) {
    h ^= campaignId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The order a campaign shows the items in: every item of the edition shuffled by the campaign's seed, then the
 * unverified ones left out. Shuffling all items first keeps the others' order when an item is later verified.
 */
export function dailyOrder(campaignId: string, items: readonly LiteracyItem[]): LiteracyItem[] {
  const sorted = [...items].sort((a, b) => a.item - b.item);
  return shuffle(sorted, seededRandom(campaignSeed(campaignId))).filter((i) => !i.unverified);
}

/**
 * The card of a campaign on a China day: position (days since `DAILY_EPOCH`) modulo the usable items, in the
 * campaign's order. Null when no item is usable.
 */
export function dailyCard(campaignId: string, day: string, items: readonly LiteracyItem[]): DailyCard | null {
  const order = dailyOrder(campaignId, items);
  if (order.length === 0) return null;
  const n = order.length;
  const position = ((daysBetween(DAILY_EPOCH, day) % n) + n) % n;
  const { item, dimension, text } = order[position]!;
  return { day, edition: '2024', item, dimension, text };
}

/**
 * What a push channel sends for a campaign's card of the day: a title, the item's text, and the link to the
 * campaign's quiz page (absolute when the deployment's public address is known).
 */
export interface DailyMessage {
  campaignId: string;
  campaignTitle: string;
  /** The campaign's region: a channel that pushes per region (a county's followers) addresses it by this. */
  regionCode: string;
  day: string;
  item: number;
  title: string;
  text: string;
  url: string;
}

/** The message of a campaign's card: `publicUrl` without a trailing slash, or '' for a site-relative link. */
export function dailyMessage(campaign: { id: string; title: string; regionCode: string }, card: DailyCard, publicUrl: string): DailyMessage {
  return {
    campaignId: campaign.id,
    campaignTitle: campaign.title,
    regionCode: campaign.regionCode,
    day: card.day,
    item: card.item,
    title: `每日一学 · ${campaign.title}`,
    text: card.text,
    url: `${publicUrl.replace(/\/+$/, '')}/quiz/${encodeURIComponent(campaign.id)}`,
  };
}

const PUSH_AT_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether a string is a time of day written HH:MM (24-hour). */
export function isPushTime(value: string): boolean {
  return PUSH_AT_RE.test(value);
}

/**
 * Whether the push of China day `chinaDay(t)` is due at `t`: its China time of day has reached `at` (HH:MM).
 * A server that was down at that moment pushes when it is back, the same day.
 */
export function pushDue(t: number, at: string): boolean {
  const m = PUSH_AT_RE.exec(at);
  if (!m) throw new Error(`not a time of day: ${at}`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  const sinceMidnight = Math.floor(((t + 8 * 3_600_000) % DAY_MS) / 60_000);
  return sinceMidnight >= minutes;
}

/** A day's push of a campaign's card, as the statistics page lists it. */
export interface DailyPushRow {
  day: string;
  item: number;
  /** The channel that took it: `log`, `webhook`, or a deployment's own. */
  channel: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  /** Recipients the channel reported reaching (null: it does not say). */
  delivered: number | null;
  /** The channel's id of the send, or why it failed. */
  detail: string;
  doneAt: number | null;
}
