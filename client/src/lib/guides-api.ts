import type { GuideRole } from '../../../shared/region/tallies';
import { request, type Client, type DataOf, type UploadResult } from './request';

export type { GuideRole };

const enc = encodeURIComponent;

/** A guide's public face: what a campaign link with their code shows and presets. */
export type GuideFace = DataOf<Client['guide-links'][':id']['$get']>;
export type GuidePoster = DataOf<Client['guides'][':id']['poster']['$get']>;
export type GuideCampaign = DataOf<Client['guide-page'][':token']['$get']>['campaigns'][number];
/** A guide in the organizer's list (`GET /api/guides`). */
export type GuideListRow = DataOf<Client['guides']['$get']>[number];

/** Guides: the organizer's list and import, and what residents' phones and a guide's own page read (no hc runtime on phones). */
export const guidesApi = {
  list: () => request<Client['guides']['$get']>('/guides'),
  importFile: (file: File) => {
    const body = new FormData();
    body.append('file', file);
    return request<Client['guides']['import']['$post']>('/guides/import', { method: 'POST', body }) as Promise<UploadResult<DataOf<Client['guides']['import']['$post']>>>;
  },
  face: (guideId: string) => request<Client['guide-links'][':id']['$get']>(`/guide-links/${enc(guideId)}`),
  poster: (guideId: string, campaignId: string) => request<Client['guides'][':id']['poster']['$get']>(`/guides/${enc(guideId)}/poster?campaign=${enc(campaignId)}`),
  page: (token: string) => request<Client['guide-page'][':token']['$get']>(`/guide-page/${enc(token)}`),
};
