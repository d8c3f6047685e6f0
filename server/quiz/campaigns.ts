import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import type { CampaignSettings } from '../../shared/quiz/campaign.js';
import type { CampaignSummary } from '../../shared/protocol/public.js';
import type { Db } from '../db/client.js';
import { campaigns, participants } from '../db/schema.js';
import type { QuizService } from './quiz.js';

/** A campaign's status as organizers move it: a draft, published, archived. */
export type CampaignStatus = (typeof campaigns.$inferSelect)['status'];

/** The region a campaign is for (what decides who may see and change it), if it exists. */
export async function campaignRegion(db: Db, id: string): Promise<string | undefined> {
  return (await db.select({ region: campaigns.regionCode }).from(campaigns).where(eq(campaigns.id, id)))[0]?.region;
}

/** Every campaign, newest first. */
export function listCampaignRows(db: Db) {
  return db.select().from(campaigns).orderBy(desc(campaigns.createdAt));
}

/** One campaign as stored, if it exists. */
export async function campaignRow(db: Db, id: string) {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

/** A campaign's title and status, if it exists. */
export async function campaignTitle(db: Db, id: string) {
  const [row] = await db.select({ title: campaigns.title, status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id));
  return row;
}

/** Stores a new campaign as a draft. */
export async function insertCampaign(db: Db, id: string, s: CampaignSettings, now: number): Promise<void> {
  await db.insert(campaigns).values({ id, title: s.title, description: s.description, startsAt: s.startsAt, endsAt: s.endsAt, regionCode: s.regionCode, status: 'draft', settings: s, createdAt: now });
}

/** Replaces a campaign's settings (and the columns read from them). */
export async function updateCampaignSettings(db: Db, id: string, s: CampaignSettings): Promise<void> {
  await db.update(campaigns).set({ title: s.title, description: s.description, startsAt: s.startsAt, endsAt: s.endsAt, regionCode: s.regionCode, settings: s }).where(eq(campaigns.id, id));
}

export async function setCampaignStatus(db: Db, id: string, status: CampaignStatus): Promise<void> {
  await db.update(campaigns).set({ status }).where(eq(campaigns.id, id));
}

/** The campaigns open to residents at `t`, the one ending soonest first. */
export function openCampaigns(db: Db, t: number): Promise<CampaignSummary[]> {
  return db
    .select({ id: campaigns.id, title: campaigns.title, description: campaigns.description, startsAt: campaigns.startsAt, endsAt: campaigns.endsAt, regionCode: campaigns.regionCode })
    .from(campaigns)
    .where(and(eq(campaigns.status, 'published'), lte(campaigns.startsAt, t), gt(campaigns.endsAt, t)))
    .orderBy(asc(campaigns.endsAt));
}

type Loaded = NonNullable<Awaited<ReturnType<QuizService['campaign']>>>;

/**
 * Every participant of a campaign for the export: region names, the optional fields the campaign collected
 * (the phone only in its masked form, 138****5678: the full number is never stored), attempts and scores;
 * by county, then best counted score first.
 */
export async function participantRows(db: Db, loaded: Loaded) {
  const townshipNames = new Map([...loaded.townships.values()].flatMap((towns) => [...towns]));
  const rows = await db
    .select({
      countyCode: participants.countyCode,
      townshipCode: participants.townshipCode,
      name: participants.name,
      phoneMasked: participants.phoneMasked,
      teamName: participants.teamName,
      attempts: participants.attempts,
      countedScore: participants.countedScore,
      bestScore: participants.bestScore,
      createdAt: participants.createdAt,
    })
    .from(participants)
    .where(eq(participants.campaignId, loaded.id))
    .orderBy(asc(participants.countyCode), desc(participants.countedScore), asc(participants.createdAt));
  return {
    fields: loaded.settings.fields,
    hasTownships: loaded.townships.size > 0,
    rows: rows.map((r) => ({
      ...r,
      countyName: loaded.counties.get(r.countyCode) ?? r.countyCode,
      townshipName: r.townshipCode ? (townshipNames.get(r.townshipCode) ?? r.townshipCode) : '',
    })),
  };
}
