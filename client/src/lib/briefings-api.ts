import type { Briefing, BriefingKind, BriefingSummary } from '../../../shared/region/briefing';
import { call, client } from './api';

export type { Briefing, BriefingKind, BriefingSummary };

const enc = encodeURIComponent;

export const briefingsApi = {
  list: (campaign: string, region?: string) => call(client.briefings.$get({ query: { campaign, ...(region ? { region } : {}) } })),
  make: (campaign: string, kind: BriefingKind, region?: string) => call(client.briefings.$post({ json: { campaign, kind, ...(region ? { region } : {}) } })),
  get: (id: string) => call(client.briefings[':id'].$get({ param: { id: enc(id) } })),
  exportUrl: (id: string) => `/api${client.briefings[':id']['export.xlsx'].$path({ param: { id: enc(id) } })}`,
};
