import type { DailyCard, DailyPushRow } from '../../../shared/daily';
import { request } from './api';

export type { DailyCard, DailyPushRow };

/** Reads per county of a campaign's 每日一学 over a range of China days (`GET /api/campaigns/:id/daily-reads`). */
export interface DailyReadTable {
  from: string;
  to: string;
  counties: { code: string; name: string; reads: number }[];
  /** Reads without a county; null for an organizer who sees only part of the campaign's region. */
  unknown: number | null;
  total: number;
}

const query = (params: Record<string, string | undefined>) => {
  const entries = Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]));
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
};

export const dailyApi = {
  card: (campaignId: string) => request<DailyCard>(`/quiz/${encodeURIComponent(campaignId)}/daily`),
  /** Reports that this phone read today's card (once a day; the county when the resident has chosen one). */
  read: (campaignId: string, countyCode: string) => request<{ day: string }>(`/quiz/${encodeURIComponent(campaignId)}/daily/read`, { method: 'POST', json: countyCode ? { countyCode } : {} }),
  reads: (campaignId: string, from?: string, to?: string) => request<DailyReadTable>(`/campaigns/${encodeURIComponent(campaignId)}/daily-reads${query({ from, to })}`),
  /** The card's latest pushes, newest first (`GET /api/campaigns/:id/daily-pushes`). */
  pushes: (campaignId: string) => request<DailyPushRow[]>(`/campaigns/${encodeURIComponent(campaignId)}/daily-pushes`),
};
