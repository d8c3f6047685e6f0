import type { Briefing, BriefingKind, BriefingSummary } from '../../../shared/briefing';
import { request } from './api';

export type { Briefing, BriefingKind, BriefingSummary };

export const briefingsApi = {
  list: (campaign: string, region?: string) => request<{ region: string; briefings: BriefingSummary[] }>(`/briefings?${new URLSearchParams({ campaign, ...(region ? { region } : {}) })}`),
  make: (campaign: string, kind: BriefingKind, region?: string) => request<{ id: string; briefing: Briefing }>('/briefings', { method: 'POST', json: { campaign, kind, ...(region ? { region } : {}) } }),
  get: (id: string) => request<Briefing>(`/briefings/${encodeURIComponent(id)}`),
  exportUrl: (id: string) => `/api/briefings/${encodeURIComponent(id)}/export.xlsx`,
};
