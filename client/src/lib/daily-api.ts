import type { DailyCard, DailyPushRow } from '../../../shared/quiz/daily';
import { queryString, request, type Client, type DataOf } from './request';

export type { DailyCard, DailyPushRow };

const enc = encodeURIComponent;

/** Reads per county of a campaign's 每日一学 over a range of China days (`GET /api/campaigns/:id/daily-reads`). */
export type DailyReadTable = DataOf<Client['campaigns'][':id']['daily-reads']['$get']>;

/** 每日一学: the card and its read report (residents' phones: no hc runtime), reads and pushes for organizers. */
export const dailyApi = {
  card: (campaignId: string) => request<Client['quiz'][':id']['daily']['$get']>(`/quiz/${enc(campaignId)}/daily`),
  /** Reports that this phone read today's card (once a day; the county when the resident has chosen one). */
  read: (campaignId: string, countyCode: string) =>
    request<Client['quiz'][':id']['daily']['read']['$post']>(`/quiz/${enc(campaignId)}/daily/read`, { method: 'POST', json: countyCode ? { countyCode } : {} }),
  reads: (campaignId: string, from?: string, to?: string) => request<Client['campaigns'][':id']['daily-reads']['$get']>(`/campaigns/${enc(campaignId)}/daily-reads${queryString({ from, to })}`),
  /** The card's latest pushes, newest first (`GET /api/campaigns/:id/daily-pushes`). */
  pushes: (campaignId: string) => request<Client['campaigns'][':id']['daily-pushes']['$get']>(`/campaigns/${enc(campaignId)}/daily-pushes`),
};
