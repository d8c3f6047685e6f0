import { answerIndexes, displayOptions, type QuestionType } from '../bank/question.js';
import { isBuzzRound, isQuestionRound, performers, type RoundKind } from './config.js';
import { currentQuestion, currentRound } from './engine.js';
import { aggregateScores, countyTally, judgeOutliers, median, memberScore, openingSets, rankTeams, round2, type CountyTally } from './scoring.js';
import type {
  Actor,
  BoardEntry,
  BuzzEntry,
  ContestState,
  FalseStart,
  JournalEntry,
  JudgedResult,
  OpeningStats,
  Phase,
  Stake,
  TeamAnswer,
  TiebreakGroup,
  Verdict,
} from './types.js';

export interface TeamRow {
  id: string;
  name: string;
  county: string | null;
  members: string[];
  score: number;
  rank: number;
}

export interface QuestionView {
  /** Null while the question is not shown yet (the host previews it). */
  openingId: number | null;
  index: number;
  count: number;
  /** The host: the bank question's id. Everyone else: an id of the contest's own (`<round id>-<position>`). */
  id: string;
  revision: number;
  type: QuestionType;
  stem: string;
  options: string[];
  /** Present for non-host views only after `question:reveal`. */
  key?: number[];
  explanation?: string;
  /** 简答/口答: the reference answer the host judges by; on other views only after the reveal. */
  reference?: string;
}

export interface AttemptView {
  teamId: string;
  verdict: Verdict;
  delta: number;
  rebound: boolean;
  /** A device answer's options: shown once revealed (a right one would give the key away). */
  options?: number[];
}

export interface BuzzView {
  openedAt: number | null;
  order: BuzzEntry[];
  answering: string | null;
  attempts: AttemptView[];
  falseStarts: FalseStart[];
  excluded: string[];
  dropped: boolean;
  answerMode: 'oral' | 'device';
}

export interface StakeView {
  tiles: number[];
  order: string[];
  picker: string | null;
  picks: Record<string, Stake>;
  used: Record<string, number[]>;
  allowPass: boolean;
}

export interface JudgingView {
  teamId: string | null;
  performers: string[];
  judges: { id: string; name: string }[];
  aggregate: 'mean' | 'trimmed-mean';
  /** The scale judges score on, and the factor the aggregate is multiplied by before it is added. */
  minScore: number;
  maxScore: number;
  weight: number;
  /**
   * Judges who have scored the team on stage. Their scores stay with the host until published: the
   * big screen and the phones learn the points only from `results`.
   */
  scored: string[];
  /** The host closed judging of the team on stage and is reviewing the scores. */
  closed: boolean;
  /** Published results. */
  results: Record<string, JudgedResult>;
}

/** The host's review of the team on stage: every judge's score, the ones far from the median flagged. */
export interface JudgeReview {
  teamId: string;
  scores: Record<string, number>;
  median: number | null;
  /** Judges whose score is more than `OUTLIER_SHARE` of the scale from the median. */
  outliers: string[];
  /** Scores sent back: judgeId → reason. */
  returned: Record<string, string>;
  /** What publishing now would add (null until enough judges scored). */
  aggregate: number | null;
  delta: number | null;
}

export interface TiebreakView {
  active: TiebreakGroup | null;
  pending: string[][];
  /** A score change broke the active group's tie after it started playing: the host may restart. */
  stale: boolean;
  resolved: string[][][];
}

export interface TeamResult {
  teamId: string;
  options: number[] | null;
  correct: boolean;
  delta: number;
  stake?: Stake;
}

export interface AudienceSummary {
  joined: number;
  /** Answers to the question on screen. */
  answered: number;
  deadline: number | null;
  remainingMs: number | null;
  /** Per-option counts and right answers for the question on screen, after its reveal. */
  revealed: Pick<OpeningStats, 'answers' | 'correct' | 'optionCounts'> | null;
}

/** What everybody may see. */
export interface PublicView {
  phase: Phase;
  phaseId: number;
  paused: boolean;
  serverTime: number;
  deadline: number | null;
  /** Time left in the phase, frozen while paused. */
  remainingMs: number | null;
  title: string | null;
  round: { index: number; id: string; kind: RoundKind; title: string; questionCount: number; questionIndex: number | null } | null;
  roundCount: number;
  teams: TeamRow[];
  question: QuestionView | null;
  /** Teams that have answered the question on screen (never what they answered, until the reveal). */
  answered: string[];
  /** Each team's answer and score change, after the reveal. */
  results: TeamResult[] | null;
  buzz: BuzzView | null;
  stakes: StakeView | null;
  judging: JudgingView | null;
  tiebreak: TiebreakView | null;
  audience: AudienceSummary;
}

export interface MemberView {
  memberId: string;
  joined: boolean;
  nickname: string | null;
  county: string | null;
  /** Counts revealed questions only. */
  score: number;
  correct: number;
  /** Rank as of the last reveal; null before the first reveal after joining. */
  rank: number | null;
  ranked: number;
  /** This member's answer to the question on screen. */
  answer: number[] | null;
  /** Its outcome, once revealed. */
  result: { correct: boolean; points: number } | null;
  /**
   * The question opening `answer` and `result` belong to. A member's part is sent only when it changes
   * (their answer, a reveal); once a newer question is on screen, `audienceView` treats them as stale.
   */
  openingId: number | null;
}

/** A linked device as the host console lists it: filled in by the realtime adapter, not the engine. */
export interface DeviceStatus {
  kind: 'team' | 'judge' | 'screen';
  /** Team or judge id; 'screen' for big screens and overlays together. */
  id: string;
  online: boolean;
  /** Connections open now (a team may have a spare tablet; several screens share one entry). */
  count: number;
  /** Server time of the last change between online and offline; null when never connected. */
  since: number | null;
}

export interface HostView extends PublicView {
  role: 'host';
  /** Every team device, judge and screen with online/offline state (set by the adapter). */
  devices?: DeviceStatus[];
  /** Live, with correctness: the host needs it to run the show. */
  teamAnswers: Record<string, TeamAnswer>;
  undo: { type: string; seq: number } | null;
  corrections: JournalEntry[];
  judgeReview: JudgeReview | null;
  leaderboard: BoardEntry[];
  counties: CountyTally[];
  liveAudience: Pick<OpeningStats, 'answers' | 'correct' | 'optionCounts'> | null;
}

export interface ScreenView extends PublicView {
  role: 'screen';
  leaderboard: BoardEntry[];
  counties: CountyTally[];
}

export interface TeamView extends PublicView {
  role: 'team';
  me: {
    teamId: string;
    answer: number[] | null;
    /** Buzzing is open to this team now. (A press while the question is shown but buzzing is not open yet is a false start.) */
    canBuzz: boolean;
    buzzPosition: number | null;
    answering: boolean;
    myTurnToPick: boolean;
    pick: Stake | null;
    stakesLeft: number[];
  };
}

export interface AudienceView extends PublicView {
  role: 'audience';
  me: MemberView;
}

export interface JudgeView extends PublicView {
  role: 'judge';
  me: {
    judgeId: string;
    judgesThisRound: boolean;
    /** This judge's score for the team on stage (changeable until judging closes). */
    scored: number | null;
    /** The host sent this judge's score back, with this reason: score again. */
    returned: string | null;
    /** Whether this judge may (re)send a score now. */
    canScore: boolean;
  };
}

export type ContestView = HostView | ScreenView | TeamView | AudienceView | JudgeView;

const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

function remaining(deadline: number | null, state: ContestState, now: number): number | null {
  return deadline === null ? null : Math.max(0, deadline - (state.pausedAt ?? now));
}

function questionView(state: ContestState, forHost: boolean): QuestionView | null {
  const q = state.core.question;
  const round = currentRound(state);
  const question = currentQuestion(state);
  if (!q || !round || !isQuestionRound(round) || !question) return null;
  if (q.openingId === null && !forHost) return null;
  const view: QuestionView = {
    openingId: q.openingId,
    index: q.index,
    count: round.questions.length,
    // Players get a per-contest id (round and position), not the bank's: a bank id could be looked up.
    id: forHost ? question.id : `${round.id}-${q.index + 1}`,
    revision: question.revision,
    type: question.type,
    stem: question.stem,
    options: displayOptions(question),
  };
  // The key leaves the server for players only with the reveal; the host judges oral answers with it.
  if (forHost || q.revealed) {
    view.key = answerIndexes(question);
    view.explanation = question.explanation;
    if (question.type === 'shortanswer') view.reference = question.answer;
  }
  return view;
}

/**
 * The part of the view every role shares. Built in O(teams + openings): cheap enough to build once per
 * broadcast and share among all audience sockets.
 */
export function publicView(state: ContestState, now: number): PublicView {
  return buildPublic(state, now, false);
}

function buildPublic(state: ContestState, now: number, forHost: boolean): PublicView {
  const { core, config } = state;
  const round = currentRound(state);
  const q = core.question;
  const standings = new Map(rankTeams(config, core.scores, core.playoffs).map((s) => [s.teamId, s.rank]));
  const shown = q !== null && q.openingId !== null;
  const revealed = shown && q.revealed;
  const stats = shown ? state.audience.stats[q.openingId!] : undefined;

  let results: TeamResult[] | null = null;
  if (revealed && round && (round.kind === 'compulsory' || round.kind === 'risk')) {
    results = q.eligible.map((teamId) => {
      const a = own(q.answers, teamId);
      const r: TeamResult = { teamId, options: a?.options ?? null, correct: a?.correct ?? false, delta: q.deltas[teamId] ?? 0 };
      if (round.kind === 'risk') r.stake = q.picks[teamId]!;
      return r;
    });
  } else if (revealed && round && isBuzzRound(round)) {
    results = q.attempts.map((a) => ({ teamId: a.teamId, options: a.options ?? null, correct: a.verdict === 'correct', delta: a.delta }));
  }

  let buzz: BuzzView | null = null;
  if (round && isBuzzRound(round) && q && shown) {
    buzz = {
      openedAt: q.buzzOpenedAt,
      order: q.buzzes.map((b) => ({ ...b })),
      answering: q.answering,
      attempts: q.attempts.map((a) => {
        const v: AttemptView = { teamId: a.teamId, verdict: a.verdict, delta: a.delta, rebound: a.rebound };
        if (a.options && (revealed || forHost)) v.options = [...a.options];
        return v;
      }),
      falseStarts: q.falseStarts.map((f) => ({ ...f })),
      excluded: [...q.excluded],
      dropped: q.dropped,
      answerMode: round.answerMode,
    };
  }

  let stakes: StakeView | null = null;
  if (round?.kind === 'risk') {
    stakes = {
      tiles: [...round.stakes],
      order: [...(q?.pickOrder ?? [])],
      picker: q && core.phase === 'stake-picking' ? (q.pickOrder.find((t) => !Object.hasOwn(q.picks, t)) ?? null) : null,
      picks: { ...(q?.picks ?? {}) },
      used: Object.fromEntries(Object.entries(core.stakesUsed).map(([t, s]) => [t, [...s]])),
      allowPass: round.allowPass,
    };
  }

  let judging: JudgingView | null = null;
  if (round?.kind === 'judged' && core.judging) {
    const j = core.judging;
    judging = {
      teamId: j.teamId,
      performers: performers(config, round),
      judges: round.judges.map((x) => ({ ...x })),
      aggregate: round.aggregate,
      minScore: round.minScore,
      maxScore: round.maxScore,
      weight: round.weight,
      scored: j.teamId ? Object.keys(j.scores[j.teamId] ?? {}) : [],
      closed: j.closed,
      results: structuredClone(j.results),
    };
  }

  const tiebreak: TiebreakView | null = core.tiebreak ? structuredClone(core.tiebreak) : null;

  return {
    phase: core.phase,
    phaseId: state.phaseId,
    paused: state.pausedAt !== null,
    serverTime: now,
    deadline: core.deadline,
    remainingMs: remaining(core.deadline, state, now),
    title: config.title ?? null,
    round: round
      ? {
          index: core.roundIndex,
          id: round.id,
          kind: round.kind,
          title: round.title,
          questionCount: isQuestionRound(round) ? round.questions.length : 0,
          questionIndex: q?.index ?? null,
        }
      : null,
    roundCount: config.rounds.length,
    teams: config.teams.map((t) => ({
      id: t.id,
      name: t.name,
      county: t.county ?? null,
      members: [...(t.members ?? [])],
      score: core.scores[t.id] ?? 0,
      rank: standings.get(t.id) ?? 0,
    })),
    question: questionView(state, forHost),
    answered: shown ? Object.keys(q.answers) : [],
    results,
    buzz,
    stakes,
    judging,
    tiebreak,
    audience: {
      joined: state.audience.count,
      answered: stats?.answers ?? 0,
      deadline: core.audienceDeadline,
      remainingMs: remaining(core.audienceDeadline, state, now),
      revealed: revealed && stats ? { answers: stats.answers, correct: stats.correct, optionCounts: [...stats.optionCounts] } : null,
    },
  };
}

/**
 * One audience member's own part of the view: answer to the question on screen, score over revealed
 * questions, and rank as of the last reveal. O(that member's answers + openings).
 */
export function memberView(state: ContestState, memberId: string): MemberView {
  const { core } = state;
  const member = own(state.audience.members, memberId);
  const ranked = core.board?.ranked ?? 0;
  if (!member) {
    return { memberId, joined: false, nickname: null, county: null, score: 0, correct: 0, rank: null, ranked, answer: null, result: null, openingId: null };
  }
  const { revealed } = openingSets(core);
  const { score, correct } = memberScore(member.answers, revealed);
  const q = core.question;
  const last = member.answers[member.answers.length - 1];
  const current = q && q.openingId !== null && last && last.openingId === q.openingId ? last : null;
  return {
    memberId,
    joined: true,
    nickname: member.nickname,
    county: member.county,
    score,
    correct,
    rank: core.board ? (own(core.board.ranks, memberId) ?? null) : null,
    ranked,
    answer: current ? [...current.options] : null,
    result: current && q!.revealed ? { correct: current.correct, points: current.points } : null,
    openingId: current ? current.openingId : null,
  };
}

/** The view of a contest for one viewer. Answer keys and explanations reach non-host viewers only after the reveal. */
export function viewFor(state: ContestState, viewer: Actor, now: number): ContestView {
  const { core } = state;
  switch (viewer.role) {
    case 'host': {
      const base = buildPublic(state, now, true);
      const q = core.question;
      const stats = q && q.openingId !== null ? state.audience.stats[q.openingId] : undefined;
      const last = state.undo[state.undo.length - 1];
      return {
        ...base,
        role: 'host',
        teamAnswers: q ? structuredClone(q.answers) : {},
        undo: last ? { type: last.type, seq: last.seq } : null,
        corrections: state.journal.filter((e) => e.type === 'correction' || e.type === 'undo' || e.type === 'proxy' || e.type === 'judge-return'),
        judgeReview: judgeReview(state),
        leaderboard: core.board ? core.board.top.map((e) => ({ ...e })) : [],
        counties: countyTally(state.audience, core),
        liveAudience: stats ? { answers: stats.answers, correct: stats.correct, optionCounts: [...stats.optionCounts] } : null,
      };
    }
    case 'team': {
      const base = buildPublic(state, now, false);
      const q = core.question;
      const round = currentRound(state);
      const teamId = viewer.teamId;
      const shown = q !== null && q.openingId !== null;
      const buzzRound = round !== undefined && isBuzzRound(round);
      const picker = q && core.phase === 'stake-picking' ? q.pickOrder.find((t) => !Object.hasOwn(q.picks, t)) : undefined;
      const used = core.stakesUsed[teamId] ?? [];
      const buzzIndex = q ? q.buzzes.findIndex((b) => b.teamId === teamId) : -1;
      const canBuzz =
        buzzRound &&
        shown &&
        state.pausedAt === null &&
        q.eligible.includes(teamId) &&
        !q.excluded.includes(teamId) &&
        buzzIndex < 0 &&
        (core.phase === 'buzz-open' ||
          (core.phase === 'answering' && round.kind === 'buzzer' && q.buzzes.length < 1 + round.rebounds));
      return {
        ...base,
        role: 'team',
        me: {
          teamId,
          answer: shown ? (own(q.answers, teamId)?.options.slice() ?? null) : null,
          canBuzz,
          buzzPosition: buzzIndex >= 0 ? buzzIndex + 1 : null,
          answering: q?.answering === teamId,
          myTurnToPick: picker === teamId,
          pick: q ? (own(q.picks, teamId) ?? null) : null,
          stakesLeft: round?.kind === 'risk' ? round.stakes.filter((s) => !used.includes(s)) : [],
        },
      };
    }
    case 'audience':
      return { ...buildPublic(state, now, false), role: 'audience', me: memberView(state, viewer.memberId) };
    case 'judge': {
      const base = buildPublic(state, now, false);
      const round = currentRound(state);
      const judges = round?.kind === 'judged' && round.judges.some((j) => j.id === viewer.judgeId);
      const j = core.judging;
      const teamId = j?.teamId;
      const scored = teamId ? own(j!.scores[teamId] ?? {}, viewer.judgeId) : undefined;
      const returned = teamId ? (own(j!.returned, viewer.judgeId) ?? null) : null;
      const canScore = judges && core.phase === 'judging' && !!teamId && (!j!.closed || returned !== null);
      return { ...base, role: 'judge', me: { judgeId: viewer.judgeId, judgesThisRound: judges, scored: scored ?? null, returned, canScore } };
    }
    case 'screen':
    case 'system':
      return {
        ...buildPublic(state, now, false),
        role: 'screen',
        leaderboard: core.board ? core.board.top.map((e) => ({ ...e })) : [],
        counties: countyTally(state.audience, core),
      };
  }
}

/** The host's review of the team being judged, or null when no team is. */
function judgeReview(state: ContestState): JudgeReview | null {
  const round = currentRound(state);
  const j = state.core.judging;
  if (round?.kind !== 'judged' || !j?.teamId) return null;
  const scores = { ...(j.scores[j.teamId] ?? {}) };
  const values = Object.values(scores);
  const enough = values.length >= (round.aggregate === 'trimmed-mean' ? 3 : 1);
  const aggregate = enough ? aggregateScores(values, round.aggregate) : null;
  return {
    teamId: j.teamId,
    scores,
    median: median(values),
    outliers: judgeOutliers(scores, round.minScore, round.maxScore),
    returned: { ...j.returned },
    aggregate,
    delta: aggregate === null ? null : round2(aggregate * round.weight),
  };
}

/** Final (or current) team standings with tiebreak order applied. */
export function standings(state: ContestState) {
  return rankTeams(state.config, state.core.scores, state.core.playoffs);
}
