import type { RegionLevel } from './region.js';

/** What a health guide is, as the guide spreadsheet and the pages name them. */
export const GUIDE_ROLES = ['family-doctor', 'village-doctor', 'manager', 'other'] as const;
export type GuideRole = (typeof GUIDE_ROLES)[number];

/** The counters every level of a campaign's tallies keeps (or sums from the level it is built of). */
export interface Tally {
  participants: number;
  submitters: number;
  attempts: number;
  countedScoreSum: number;
  passed: number;
}

export interface TallyRow extends Tally {
  code: string;
  name: string;
  averageScore: number | null;
  passRate: number | null;
  /** Participants against the organizer's target for the region (counties only), when one is set. */
  target: number | null;
  rate: number | null;
}

/** A guide's line in a region's ranking: residents bound, and their average score. */
export interface GuideRankRow {
  rank: number;
  id: string;
  name: string;
  role: GuideRole;
  clinic: string;
  regionCode: string;
  participants: number;
  submitters: number;
  countedScoreSum: number;
  averageScore: number | null;
}

/** One level of a campaign's tallies below a region (`GET /api/campaigns/:id/drill`). */
export interface CampaignDrill {
  region: string;
  level: RegionLevel;
  /** The level of `rows`; villages have none below them. */
  childLevel: RegionLevel;
  /** The region's own line, named. */
  total: TallyRow;
  rows: (TallyRow & { rank: number })[];
  guides: GuideRankRow[];
}
