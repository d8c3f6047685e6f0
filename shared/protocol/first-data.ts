import type { DailyCard } from '../quiz/daily.js';
import type { Result } from './result.js';

/** What a citizen's quiz page shows before starting: the payload of `GET /api/quiz/:id`. */
export interface QuizInfo {
  id: string;
  title: string;
  description: string;
  startsAt: number;
  endsAt: number;
  /** The campaign's region (a province, city or county): where the level-by-level picker starts. */
  regionCode: string;
  state: 'open' | 'not-started' | 'ended';
  /** `townships` where the region tree has the county's townships: the participant picks one too. */
  counties: { code: string; name: string; townships?: { code: string; name: string }[] }[];
  fields: { name: boolean; phone: boolean; team: boolean };
  questionCount: number;
  timeLimitSec: number;
  attemptsPerDay: number;
  attemptsTotal: number;
  passMark: number;
  serverTime: number;
}

/** What the audience join form needs before anyone joins: the contest's title and the counties to pick from. */
export interface ContestPeek {
  title: string | null;
  counties: { code: string; name: string }[];
  finished: boolean;
}

/**
 * The data a phone page shows first, sent inside its HTML document (a JSON script block) so the page
 * needs no request of its own before it is usable. `path` is the address it was made for: a page reached
 * later by navigation within the app asks the API as before.
 */
export interface FirstData {
  path: string;
  serverTime: number;
  quiz?: Result<QuizInfo>;
  /** The quiz page's 每日一学 card of the day (or why there is none). */
  daily?: Result<DailyCard>;
  contest?: Result<ContestPeek>;
}
