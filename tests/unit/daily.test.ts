import { describe, expect, it } from 'vitest';
import literacy2024 from '../../questions/literacy-2024.json';
import { addDays, campaignSeed, chinaDay, dailyCard, dailyMessage, dailyOrder, DAILY_EPOCH, daysBetween, isDay, isPushTime, pushDue, type LiteracyItem } from '../../shared/quiz/daily';

const ITEMS = literacy2024.items as LiteracyItem[];
const USABLE = ITEMS.filter((i) => !i.unverified);

describe('每日一学: the day and the item of the day', () => {
  it('counts days in China time (UTC+8): a day starts at 16:00 UTC the evening before', () => {
    expect(chinaDay(Date.UTC(2026, 2, 9, 15, 59, 59, 999))).toBe('2026-03-09');
    expect(chinaDay(Date.UTC(2026, 2, 9, 16))).toBe('2026-03-10');
    expect(chinaDay(Date.UTC(2026, 11, 31, 16))).toBe('2027-01-01');
    // Back and forth across midnight: the remembered day does not stick.
    expect(chinaDay(Date.UTC(2026, 2, 9, 15))).toBe('2026-03-09');
  });

  it('reads, checks and moves calendar days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('2026-1-01')).toBe(false);
    expect(isDay('yesterday')).toBe(false);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-01', '2026-03-08')).toBe(7);
    expect(daysBetween('2026-03-08', '2026-03-01')).toBe(-7);
    expect(daysBetween(DAILY_EPOCH, DAILY_EPOCH)).toBe(0);
  });

  it('the shipped list: 66 items, the unverified ones never shown', () => {
    expect(ITEMS).toHaveLength(66);
    expect(USABLE.length).toBeGreaterThan(0);
    const order = dailyOrder('campaign-a', ITEMS);
    expect(order).toHaveLength(USABLE.length);
    expect(order.every((i) => !i.unverified)).toBe(true);
    for (let d = 0; d < 200; d++) {
      const card = dailyCard('campaign-a', addDays('2026-01-01', d), ITEMS)!;
      expect(USABLE.map((i) => i.item)).toContain(card.item);
    }
  });

  it('everyone gets the same card on the same day; the card carries its number, dimension and text', () => {
    const a = dailyCard('X7fK2pQ9', '2026-03-10', ITEMS)!;
    expect(dailyCard('X7fK2pQ9', '2026-03-10', ITEMS)).toEqual(a);
    const source = ITEMS.find((i) => i.item === a.item)!;
    expect(a).toEqual({ day: '2026-03-10', edition: '2024', item: source.item, dimension: source.dimension, text: source.text });
    // The input's order does not matter.
    expect(dailyCard('X7fK2pQ9', '2026-03-10', [...ITEMS].reverse())).toEqual(a);
  });

  it('goes through every usable item once before any comes again, from whatever day a campaign starts', () => {
    const n = USABLE.length;
    for (const [campaign, start] of [['X7fK2pQ9', '2026-03-10'], ['another', '2023-12-20'], ['third-one', '2031-07-01']] as const) {
      const cycle = Array.from({ length: n }, (_, d) => dailyCard(campaign, addDays(start, d), ITEMS)!.item);
      expect(new Set(cycle).size).toBe(n);
      // Consecutive cycles repeat the same order.
      const next = Array.from({ length: n }, (_, d) => dailyCard(campaign, addDays(start, n + d), ITEMS)!.item);
      expect(next).toEqual(cycle);
    }
  });

  it('campaigns have orders of their own', () => {
    const orders = ['c-000001', 'c-000002', 'c-000003', 'c-000004'].map((id) => dailyOrder(id, ITEMS).map((i) => i.item).join(','));
    expect(new Set(orders).size).toBe(4);
    expect(campaignSeed('c-000001')).not.toBe(campaignSeed('c-000002'));
  });

  it('an item verified later joins the cycle without reordering the others', () => {
    const before = dailyOrder('X7fK2pQ9', ITEMS).map((i) => i.item);
    const verifiedOne = ITEMS.find((i) => i.unverified)!.item;
    const after = dailyOrder('X7fK2pQ9', ITEMS.map((i) => (i.item === verifiedOne ? { ...i, unverified: false } : i))).map((i) => i.item);
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((i) => i !== verifiedOne)).toEqual(before);
  });

  it('no usable item: no card', () => {
    expect(dailyCard('X7fK2pQ9', '2026-03-10', [])).toBeNull();
    expect(dailyCard('X7fK2pQ9', '2026-03-10', [{ item: 1, dimension: 'knowledge', text: '…', unverified: true }])).toBeNull();
  });

  it('a push is due from its China time of day on, until the China day ends', () => {
    // 08:00 China time is 00:00 UTC.
    expect(pushDue(Date.UTC(2026, 11, 4, 23, 59, 59), '08:00')).toBe(false);
    expect(pushDue(Date.UTC(2026, 11, 5, 0, 0), '08:00')).toBe(true);
    expect(pushDue(Date.UTC(2026, 11, 5, 15, 59), '08:00')).toBe(true);
    // 00:00 China time (16:00 UTC) starts the next day, before its 08:00.
    expect(pushDue(Date.UTC(2026, 11, 5, 16, 0), '08:00')).toBe(false);
    expect(pushDue(Date.UTC(2026, 11, 5, 16, 0), '00:00')).toBe(true);
    expect(pushDue(Date.UTC(2026, 11, 5, 15, 59), '23:59')).toBe(true);
    expect(pushDue(Date.UTC(2026, 11, 5, 15, 58), '23:59')).toBe(false);
    expect(() => pushDue(0, '8:00')).toThrow('not a time of day: 8:00');
    expect(['08:00', '00:00', '23:59'].every(isPushTime)).toBe(true);
    expect(['24:00', '8:00', '08:60', '08:00 ', ''].some(isPushTime)).toBe(false);
  });

  it('a push message names the campaign, carries the card, and links to the campaign page', () => {
    const card = dailyCard('X7fK2pQ9', '2026-03-10', ITEMS)!;
    const campaign = { id: 'X7fK2pQ9', title: '健康素养答题', regionCode: '131003' };
    expect(dailyMessage(campaign, card, 'https://quiz.example.cn/')).toEqual({
      campaignId: 'X7fK2pQ9',
      campaignTitle: '健康素养答题',
      regionCode: '131003',
      day: '2026-03-10',
      item: card.item,
      title: '每日一学 · 健康素养答题',
      text: card.text,
      url: 'https://quiz.example.cn/quiz/X7fK2pQ9',
    });
    expect(dailyMessage(campaign, card, '').url).toBe('/quiz/X7fK2pQ9');
  });
});
