import { z } from 'zod';
import {
  audienceSettingsSchema,
  buzzerRoundSchema,
  compulsoryRoundSchema,
  contestTeamSchema,
  judgedRoundSchema,
  riskRoundSchema,
  tiebreakRoundSchema,
} from './config.js';
import { text } from '../protocol/text.js';

/** A round as the organizer sets it up: the rules, and the question set it draws from (resolved by the server). */
const setId = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/);
export const draftRoundSchema = z.discriminatedUnion('kind', [
  compulsoryRoundSchema.omit({ questions: true }).extend({ setId }),
  buzzerRoundSchema.omit({ questions: true }).extend({ setId }),
  riskRoundSchema.omit({ questions: true }).extend({ setId }),
  tiebreakRoundSchema.omit({ questions: true }).extend({ setId }),
  judgedRoundSchema,
]);
export type DraftRound = z.input<typeof draftRoundSchema>;

/**
 * A live contest as the organizer edits it. The server turns it into the engine's `ContestConfig` by
 * freezing each round's question set at the questions' current revisions.
 */
export const contestDraftSchema = z.object({
  title: text(1, 100),
  /** Rehearsal contests can be reset to the lobby, clearing everything that happened. */
  rehearsal: z.boolean().default(false),
  baseScore: z.number().int().min(0).max(100_000).default(100),
  teams: z.array(contestTeamSchema).min(2).max(16),
  audience: audienceSettingsSchema.prefault({}),
  /** Region whose counties the audience picks from (a city code), optional. */
  regionCode: z.string().regex(/^\d{6}$/).optional(),
  rounds: z.array(draftRoundSchema).min(1).max(30),
  /** Leave out questions tagged for adult audiences when the rounds are frozen (a family final has members aged 8+). */
  excludeAdult: z.boolean().default(false),
});
export type ContestDraft = z.input<typeof contestDraftSchema>;
export type ContestDraftParsed = z.output<typeof contestDraftSchema>;

export interface ContestLinks {
  host: string;
  screen: string;
  overlay: string;
  audience: string;
  teams: { teamId: string; name: string; url: string }[];
  judges: { judgeId: string; name: string; url: string }[];
}

export interface ContestDetail {
  id: string;
  pin: string;
  title: string;
  status: 'setup' | 'live' | 'finished';
  rehearsal: boolean;
  draft: ContestDraftParsed;
  links: ContestLinks;
}
