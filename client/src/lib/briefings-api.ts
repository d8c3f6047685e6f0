import type { Briefing, BriefingKind } from '../../../shared/briefing';
import { request } from './api';

export type { Briefing, BriefingKind };

/** A kept briefing's line in the list. */
export interface BriefingSummary {
  id: string;
  kind: BriefingKind;
  regionCode: string;
  periodStart: string;
  periodEnd: string;
  createdAt: number;
}

const base = (campaignId: string) => `/campaigns/${encodeURIComponent(campaignId)}/briefings`;

export const briefingsApi = {
  list: (campaignId: string, region?: string) => request<{ region: string; briefings: BriefingSummary[] }>(`${base(campaignId)}${region ? `?region=${encodeURIComponent(region)}` : ''}`),
  make: (campaignId: string, kind: BriefingKind, region?: string) => request<{ id: string; briefing: Briefing }>(base(campaignId), { method: 'POST', json: { kind, ...(region ? { region } : {}) } }),
  get: (campaignId: string, id: string) => request<Briefing>(`${base(campaignId)}/${encodeURIComponent(id)}`),
  exportUrl: (campaignId: string, id: string) => `/api${base(campaignId)}/${encodeURIComponent(id)}/export.xlsx`,
};
