import type { ContestDraft } from '../../../shared/contest/draft';
import { call, client, type DataOf, type UploadResult } from './api';

const enc = encodeURIComponent;

/** A contest in the organizer's list (`GET /api/contests`). */
export type ContestRow = DataOf<typeof client.contests.$get>[number];
/** A team as a sheet or a campaign gives it to the draft. */
export type DraftTeam = DataOf<(typeof client)['contest-teams']['import']['$post']>[number];
/** A host account and whether it may run the contest. */
export type HostRow = DataOf<(typeof client.contests)[':id']['hosts']['$get']>[number];

/** Contest setup: the organizer's list, drafts, the rehearsal reset, hosts, device links, and teams from a sheet or a campaign. */
export const contestsApi = {
  list: () => call(client.contests.$get()),
  get: (id: string) => call(client.contests[':id'].$get({ param: { id: enc(id) } })),
  create: (draft: ContestDraft) => call(client.contests.$post({ json: draft })),
  update: (id: string, draft: ContestDraft) => call(client.contests[':id'].$put({ param: { id: enc(id) }, json: draft })),
  reset: (id: string) => call(client.contests[':id'].reset.$post({ param: { id: enc(id) } })),
  hosts: (id: string) => call(client.contests[':id'].hosts.$get({ param: { id: enc(id) } })),
  assignHosts: (id: string, userIds: string[]) => call(client.contests[':id'].hosts.$put({ param: { id: enc(id) }, json: { userIds } })),
  /** A new link for a team's or judge's device; the old one stops working. */
  reissue: (id: string, kind: 'team' | 'judge', subjectId: string) =>
    call(client.contests[':id'].devices[':kind'][':subjectId'].reissue.$post({ param: { id: enc(id), kind, subjectId: enc(subjectId) } })),
  /** The record of a contest as a workbook (a same-origin download link). */
  exportUrl: (id: string) => `/api${client.contests[':id']['export.xlsx'].$path({ param: { id: enc(id) } })}`,
  /** Teams read from a spreadsheet, their counties matched within `regionCode` when given; a rejected file lists its problems. */
  importTeams: (file: File, regionCode?: string) =>
    call(client['contest-teams'].import.$post({ form: { file, ...(regionCode ? { regionCode } : {}) } })) as Promise<UploadResult<DraftTeam[]>>,
  /** The best family teams of a campaign, `perCounty` from each county. */
  teamsFromCampaign: (campaignId: string, perCounty: number) =>
    call(client['contest-teams']['from-campaign'][':campaignId'].$get({ param: { campaignId: enc(campaignId) }, query: { perCounty: String(perCounty) } })),
};
