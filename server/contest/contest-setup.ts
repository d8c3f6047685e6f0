import { asc, eq, inArray } from 'drizzle-orm';
import type { ContestDraftParsed } from '../../shared/contest/draft.js';
import { contestConfigSchema, shuffleOptions, type ContestConfig } from '../../shared/contest/index.js';
import { errorMessage, type Locale } from '../../shared/i18n/messages.js';
import { isAdultOnly, type Question } from '../../shared/bank/question.js';
import { parseInput } from '../../shared/protocol/validate.js';
import type { Db } from '../db/client.js';
import { contestTokens, questions, questionSetItems } from '../db/schema.js';
import { legacyKey, type DeviceLinks } from './device-links.js';

/** A setup problem the organizer can act on: which round, which set, what is wrong. */
export class ContestSetupError extends Error {
  constructor(
    readonly code: 'contest/set-missing' | 'contest/set-empty' | 'contest/invalid-config',
    readonly params: Record<string, string | number> = {},
    readonly issues?: { path: string; message: string }[],
  ) {
    super(code);
  }
}

/**
 * Freezes a draft: each round's question set becomes its questions at their current revisions, with
 * their options shuffled once from `seed`.
 */
export async function resolveDraft(db: Db, draft: ContestDraftParsed, locale: Locale, seed: number): Promise<ContestConfig> {
    const rounds = [];
    for (const [i, round] of draft.rounds.entries()) {
      if (round.kind === 'judged') {
        rounds.push(round);
        continue;
      }
      const { setId, ...rules } = round;
      const rows = await db
        .select({ body: questions.body, revision: questions.revision, status: questions.status })
        .from(questionSetItems)
        .innerJoin(questions, eq(questions.id, questionSetItems.questionId))
        .where(eq(questionSetItems.setId, setId))
        .orderBy(asc(questionSetItems.position));
      // Adult-audience questions leave the set before the emptiness check, so a set of nothing else is refused.
      if (draft.excludeAdult) rows.splice(0, rows.length, ...rows.filter((r) => !isAdultOnly(r.body as Question)));
      if (rows.length === 0) {
        const exists = await db.select({ id: questionSetItems.setId }).from(questionSetItems).where(eq(questionSetItems.setId, setId)).limit(1);
        const code = exists.length ? 'contest/set-empty' : 'contest/set-missing';
        throw new ContestSetupError(code, { round: i + 1 }, [{ path: `rounds.${i}.setId`, message: errorMessage(code, locale, { round: i + 1 }) }]);
      }
      rounds.push({ ...rules, questions: rows.filter((r) => r.status === 'active').map((r) => ({ ...(r.body as Question), revision: r.revision })) });
    }
    const parsed = parseInput(contestConfigSchema, { title: draft.title, baseScore: draft.baseScore, teams: draft.teams, audience: draft.audience, rounds }, locale);
    if (!parsed.ok) throw new ContestSetupError('contest/invalid-config', {}, parsed.error.issues);
    return shuffleOptions(parsed.data, seed);
}

/**
 * Rewrites team and judge links stored in plain text (before links were signed): each row becomes the hash of
 * the old token (printed links keep working until re-issued) and a signed link. Returns how many were rewritten.
 */
export async function upgradeLegacyLinks(db: Db, links: DeviceLinks): Promise<number> {
  const rows = (await db.select().from(contestTokens).where(inArray(contestTokens.kind, ['team', 'judge']))).filter((t) => !/^[np]:/.test(t.token));
  for (const t of rows) {
    const kind = t.kind as 'team' | 'judge';
    const link = links.issue(t.contestId, kind, t.subjectId);
    await db.batch([
      db.delete(contestTokens).where(eq(contestTokens.token, t.token)),
      db.insert(contestTokens).values({ ...t, token: legacyKey(t.token) }),
      db.insert(contestTokens).values({ ...t, token: link.stored }),
    ]);
  }
  return rows.length;
}
