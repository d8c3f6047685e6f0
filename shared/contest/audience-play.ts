/**
 * The audience playing along: joining (with a county) and answering the question on screen. These
 * MUTATE `state.audience` IN PLACE, so that each answer is O(1) with 10,000+ members.
 */
import { isCorrect } from '../bank/answer.js';
import { displayOptions } from '../bank/question.js';
import { checkOptions } from './answers.js';
import type { CommandOf } from './commands.js';
import { isQuestionRound, type QuestionRound } from './config.js';
import { AUDIENCE_PHASES } from './phases.js';
import { audiencePoints } from './scoring.js';
import { fail, own } from './step.js';
import type { Actor, AudienceState, ContestState, ReduceResult } from './types.js';

export function audienceJoin(state: ContestState, command: CommandOf<'audience:join'>, actor: Extract<Actor, { role: 'audience' }>, now: number): ReduceResult {
  if (state.core.phase === 'finished') return { ok: false, error: fail('contest/finished') };
  const audience = state.audience;
  const member = own(audience.members, actor.memberId);
  const county = command.county ?? actor.county ?? member?.county ?? null;
  if (member) {
    if (member.county !== county) {
      // Answers were already counted for the old county; moving them would rewrite the tally.
      if (member.answers.length) return { ok: false, error: fail('contest/county-locked') };
      countParticipant(audience, member.county, -1);
      countParticipant(audience, county, 1);
      member.county = county;
    }
    member.nickname = command.nickname;
  } else {
    audience.members[actor.memberId] = { id: actor.memberId, nickname: command.nickname, county, joinedAt: now, answers: [] };
    audience.count++;
    countParticipant(audience, county, 1);
  }
  return { ok: true, state, events: [{ type: 'audience-joined', memberId: actor.memberId, count: audience.count }] };
}

function countParticipant(audience: AudienceState, county: string | null, delta: number): void {
  if (county === null) return;
  audience.participants[county] = (own(audience.participants, county) ?? 0) + delta;
}

/** O(1): checks, one push onto the member's answers, and a few counter increments. */
export function audienceAnswer(state: ContestState, command: CommandOf<'audience:answer'>, memberId: string, now: number): ReduceResult {
  const member = own(state.audience.members, memberId);
  if (!member) return { ok: false, error: fail('contest/not-joined') };
  if (state.pausedAt !== null) return { ok: false, error: fail('contest/paused') };
  const { core, config } = state;
  const q = core.question;
  const round = config.rounds[core.roundIndex];
  if (!q || q.openingId === null || !round || !isQuestionRound(round) || !AUDIENCE_PHASES.has(core.phase)) {
    return { ok: false, error: fail('contest/wrong-phase', { phase: core.phase }) };
  }
  const openingId = q.openingId;
  if (command.openingId !== undefined && command.openingId !== openingId) return { ok: false, error: fail('contest/stale-question') };
  if (core.audienceDeadline === null || q.audienceWindowMs === null) return { ok: false, error: fail('contest/audience-closed') };
  if (now > core.audienceDeadline) return { ok: false, error: fail('contest/too-late') };
  const last = member.answers[member.answers.length - 1];
  if (last && last.openingId === openingId) return { ok: false, error: fail('contest/already-answered') };
  const question = (round as QuestionRound).questions[q.index]!;
  const invalid = checkOptions(question, command.options);
  if (invalid) return { ok: false, error: invalid };

  const correct = isCorrect(question, command.options);
  const points = audiencePoints(config.audience, correct, core.audienceDeadline - now, q.audienceWindowMs);
  member.answers.push({ openingId, options: [...command.options], at: now, correct, points });
  const stats = (state.audience.stats[openingId] ??= {
    answers: 0,
    correct: 0,
    optionCounts: new Array<number>(displayOptions(question).length).fill(0),
    byCounty: {},
  });
  stats.answers++;
  if (correct) stats.correct++;
  for (const i of command.options) stats.optionCounts[i] = (stats.optionCounts[i] ?? 0) + 1;
  if (member.county !== null) {
    const c = own(stats.byCounty, member.county) ?? (stats.byCounty[member.county] = { answers: 0, correct: 0 });
    c.answers++;
    if (correct) c.correct++;
  }
  return { ok: true, state, events: [{ type: 'audience-answer', memberId, openingId, answers: stats.answers }] };
}
