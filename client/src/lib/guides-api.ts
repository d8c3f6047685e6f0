import type { AppError, Result } from '../../../shared/result';
import type { GuideRole } from '../../../shared/tallies';
import { request, type ImportProblem } from './api';

export type { GuideRole };

/** A guide's public face: what a campaign link with their code shows and presets. */
export interface GuideFace {
  id: string;
  name: string;
  clinic: string;
  role: GuideRole;
  regionCode: string;
  path: string[];
}

export interface GuidePoster {
  guide: GuideFace;
  campaign: { id: string; title: string };
  link: string;
  qr: string;
}

export interface GuideCampaign {
  id: string;
  title: string;
  link: string;
  qr: string;
  residents: number;
  submitters: number;
  attempts: number;
  averageScore: number | null;
  passRate: number | null;
  township: { rank: number; of: number } | null;
  county: { rank: number; of: number } | null;
  list: { name: string | null; phone: string | null; attempts: number; score: number | null; joinedAt: number }[];
}

/** A guide in the organizer's list (`GET /api/guides`). */
export interface GuideListRow {
  id: string;
  name: string;
  role: GuideRole;
  clinic: string;
  regionCode: string;
  regionName: string;
  phone: string;
  pageLink: string;
}

export const guidesApi = {
  list: () => request<GuideListRow[]>('/guides'),
  importFile: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ added: number; updated: number }>('/guides/import', { method: 'POST', body: form }) as Promise<
      Result<{ added: number; updated: number }> & { error?: AppError & { problems?: ImportProblem[] } }
    >;
  },
  face: (guideId: string) => request<GuideFace>(`/guide-links/${encodeURIComponent(guideId)}`),
  poster: (guideId: string, campaignId: string) => request<GuidePoster>(`/guides/${encodeURIComponent(guideId)}/poster?campaign=${encodeURIComponent(campaignId)}`),
  page: (token: string) => request<{ guide: GuideFace; campaigns: GuideCampaign[] }>(`/guide-page/${encodeURIComponent(token)}`),
};
