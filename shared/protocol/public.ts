import { z } from 'zod';

/** A contest PIN: six digits, what a family types on stage. */
export const contestPinSchema = z.string().regex(/^\d{6}$/);

/** What anyone may know about an open campaign before taking part. */
export interface CampaignSummary {
  id: string;
  title: string;
  description: string;
  startsAt: number;
  endsAt: number;
  regionCode: string;
}

/** What a PIN reveals before joining. */
export interface ContestSummary {
  id: string;
  title: string;
  status: 'setup' | 'live' | 'finished';
}
