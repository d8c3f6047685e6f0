import type { ContestDraft, ContestDraftParsed } from '../../../../shared/contest/draft';
import { tc } from '../../i18n/contests';

/**
 * The contest editor's form model: what the organizer types, as text, with every kind's fields on each round so
 * the form binds to plain paths. `toDraft` turns it into the server's ContestDraft on save (seconds to
 * milliseconds, blanks left out or sent as null so the server names the field); `fromDraft` brings a saved one back.
 */

export type Kind = 'compulsory' | 'buzzer' | 'risk' | 'tiebreak' | 'judged';
export const KINDS: Kind[] = ['compulsory', 'buzzer', 'risk', 'tiebreak', 'judged'];

export interface TeamForm {
  id: string;
  name: string;
  members: string;
  county: string;
}
export interface JudgeForm {
  id: string;
  name: string;
}
/** One round with the fields of every kind, so the form binds to plain paths; `toDraft` keeps those of its kind. */
export interface RoundForm {
  id: string;
  kind: Kind;
  title: string;
  setId: string;
  audience: boolean;
  audienceTimeSec: string;
  timeLimitSec: string;
  correctPoints: string;
  wrongPoints: string;
  answerMode: 'oral' | 'device';
  buzzWindowSec: string;
  answerTimeSec: string;
  timeoutPoints: string;
  falseStartPoints: string;
  falseStartForfeits: boolean;
  rebounds: string;
  reboundCorrectPoints: string;
  reboundWrongPoints: string;
  stakes: string;
  pickOrder: 'lowest-first' | 'highest-first';
  allowPass: boolean;
  stakeTimeSec: string;
  places: string;
  judges: JudgeForm[];
  aggregate: 'mean' | 'trimmed-mean';
  minScore: string;
  maxScore: string;
  weight: string;
  /** Performing teams of a judged round; null = every team. */
  performers: string[] | null;
}
export interface Form {
  title: string;
  rehearsal: boolean;
  excludeAdult: boolean;
  baseScore: string;
  regionCode: string;
  audience: { pointsPerCorrect: string; speedBonusMax: string; leaderboardSize: string };
  teams: TeamForm[];
  rounds: RoundForm[];
}

/** The next free id of the form `${prefix}${n}`, so ids (and the device links bound to them) stay stable. */
export const nextId = (prefix: string, taken: string[]) => {
  let n = 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
};
export const allJudgeIds = (rounds: RoundForm[]) => rounds.flatMap((r) => r.judges.map((j) => j.id));

export function blankRound(kind: Kind, id: string, judgeId: string): RoundForm {
  const buzz = kind === 'buzzer' || kind === 'tiebreak';
  return {
    id,
    kind,
    title: tc(`kindTitle.${kind}`),
    setId: '',
    audience: true,
    audienceTimeSec: '',
    timeLimitSec: '30',
    correctPoints: '10',
    wrongPoints: buzz ? '-10' : '0',
    answerMode: 'oral',
    buzzWindowSec: '15',
    answerTimeSec: '20',
    timeoutPoints: '-10',
    falseStartPoints: '-10',
    falseStartForfeits: false,
    rebounds: '0',
    reboundCorrectPoints: '',
    reboundWrongPoints: '',
    stakes: '10/20/30',
    pickOrder: 'lowest-first',
    allowPass: false,
    stakeTimeSec: '20',
    places: '',
    judges: kind === 'judged' ? [{ id: judgeId, name: '' }] : [],
    aggregate: 'mean',
    minScore: '0',
    maxScore: '100',
    weight: '1',
    performers: null,
  };
}

export function blankForm(): Form {
  return {
    title: '',
    rehearsal: false,
    excludeAdult: false,
    baseScore: '100',
    regionCode: '',
    audience: { pointsPerCorrect: '100', speedBonusMax: '50', leaderboardSize: '50' },
    teams: [
      { id: 't1', name: '', members: '', county: '' },
      { id: 't2', name: '', members: '', county: '' },
    ],
    rounds: [blankRound('compulsory', 'r1', 'j1')],
  };
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n));
const sec = (ms: number | undefined) => (ms === undefined ? '' : String(ms / 1000));

/** A saved draft back into the form (milliseconds shown as seconds). */
export function fromDraft(d: ContestDraftParsed): Form {
  return {
    title: d.title,
    rehearsal: d.rehearsal,
    excludeAdult: d.excludeAdult ?? false,
    baseScore: str(d.baseScore),
    regionCode: d.regionCode ?? '',
    audience: { pointsPerCorrect: str(d.audience.pointsPerCorrect), speedBonusMax: str(d.audience.speedBonusMax), leaderboardSize: str(d.audience.leaderboardSize) },
    teams: d.teams.map((t) => ({ id: t.id, name: t.name, members: (t.members ?? []).join('、'), county: t.county ?? '' })),
    rounds: d.rounds.map((r) => {
      const f = blankRound(r.kind, r.id, '');
      f.title = r.title;
      if (r.kind === 'judged') {
        return { ...f, judges: r.judges.map((j) => ({ ...j })), aggregate: r.aggregate, minScore: str(r.minScore), maxScore: str(r.maxScore), weight: str(r.weight), performers: r.teams ? [...r.teams] : null };
      }
      Object.assign(f, { setId: r.setId, audience: r.audience, audienceTimeSec: sec(r.audienceTimeMs) });
      switch (r.kind) {
        case 'compulsory':
          return { ...f, timeLimitSec: sec(r.timeLimitMs), correctPoints: str(r.correctPoints), wrongPoints: str(r.wrongPoints) };
        case 'buzzer':
          return {
            ...f,
            answerMode: r.answerMode,
            buzzWindowSec: sec(r.buzzWindowMs),
            answerTimeSec: sec(r.answerTimeMs),
            correctPoints: str(r.correctPoints),
            wrongPoints: str(r.wrongPoints),
            timeoutPoints: str(r.timeoutPoints),
            falseStartPoints: str(r.falseStartPoints),
            falseStartForfeits: r.falseStartForfeits,
            rebounds: str(r.rebounds),
            reboundCorrectPoints: str(r.reboundCorrectPoints),
            reboundWrongPoints: str(r.reboundWrongPoints),
          };
        case 'risk':
          return { ...f, stakes: r.stakes.join('/'), pickOrder: r.pickOrder, allowPass: r.allowPass, stakeTimeSec: sec(r.stakeTimeMs), timeLimitSec: sec(r.timeLimitMs) };
        case 'tiebreak':
          return { ...f, answerMode: r.answerMode, buzzWindowSec: sec(r.buzzWindowMs), answerTimeSec: sec(r.answerTimeMs), places: str(r.places) };
      }
    }),
  };
}

// Text to numbers: a blank or malformed entry becomes NaN, which JSON sends as null, so the server names the field.
const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
const optNum = (s: string) => (s.trim() === '' ? undefined : Number(s));
const ms = (s: string) => Math.round(num(s) * 1000);
const optMs = (s: string) => (s.trim() === '' ? undefined : Math.round(Number(s) * 1000));
export const splitList = (s: string) => s.split(/[\s,，、;；/]+/).filter(Boolean);

/** The form as the server's ContestDraft (seconds → milliseconds, optional fields left out when blank). */
export function toDraft(f: Form): ContestDraft {
  // A judge who sits on several panels keeps one scoring link: same name, same id.
  const judgeByName = new Map<string, string>();
  const teamIds = f.teams.map((t) => t.id);
  return {
    title: f.title,
    rehearsal: f.rehearsal,
    excludeAdult: f.excludeAdult,
    baseScore: num(f.baseScore),
    ...(f.regionCode ? { regionCode: f.regionCode } : {}),
    audience: { pointsPerCorrect: num(f.audience.pointsPerCorrect), speedBonusMax: num(f.audience.speedBonusMax), leaderboardSize: num(f.audience.leaderboardSize) },
    teams: f.teams.map((t) => {
      const members = splitList(t.members);
      return { id: t.id, name: t.name, ...(members.length ? { members } : {}), ...(t.county ? { county: t.county } : {}) };
    }),
    rounds: f.rounds.map((r) => {
      const base = { id: r.id, title: r.title };
      if (r.kind === 'judged') {
        const used = new Set<string>();
        const judges = r.judges.map((j) => {
          const name = j.name.trim();
          let id = (name && judgeByName.get(name)) || j.id;
          if (used.has(id)) id = j.id;
          if (name && !judgeByName.has(name)) judgeByName.set(name, id);
          used.add(id);
          return { id, name: j.name };
        });
        return {
          ...base,
          kind: 'judged' as const,
          judges,
          aggregate: r.aggregate,
          minScore: num(r.minScore),
          maxScore: num(r.maxScore),
          weight: num(r.weight),
          ...(r.performers ? { teams: teamIds.filter((id) => r.performers!.includes(id)) } : {}),
        };
      }
      const question = { ...base, setId: r.setId, audience: r.audience, ...(r.audience && optMs(r.audienceTimeSec) !== undefined ? { audienceTimeMs: optMs(r.audienceTimeSec) } : {}) };
      const buzz = { answerMode: r.answerMode, buzzWindowMs: ms(r.buzzWindowSec), answerTimeMs: ms(r.answerTimeSec) };
      switch (r.kind) {
        case 'compulsory':
          return { ...question, kind: 'compulsory' as const, timeLimitMs: ms(r.timeLimitSec), correctPoints: num(r.correctPoints), wrongPoints: num(r.wrongPoints) };
        case 'buzzer': {
          const rebounds = num(r.rebounds);
          return {
            ...question,
            ...buzz,
            kind: 'buzzer' as const,
            correctPoints: num(r.correctPoints),
            wrongPoints: num(r.wrongPoints),
            timeoutPoints: num(r.timeoutPoints),
            falseStartPoints: num(r.falseStartPoints),
            falseStartForfeits: r.falseStartForfeits,
            rebounds,
            ...(rebounds > 0 && optNum(r.reboundCorrectPoints) !== undefined ? { reboundCorrectPoints: optNum(r.reboundCorrectPoints) } : {}),
            ...(rebounds > 0 && optNum(r.reboundWrongPoints) !== undefined ? { reboundWrongPoints: optNum(r.reboundWrongPoints) } : {}),
          };
        }
        case 'risk':
          return {
            ...question,
            kind: 'risk' as const,
            stakes: splitList(r.stakes).map(Number),
            pickOrder: r.pickOrder,
            allowPass: r.allowPass,
            stakeTimeMs: ms(r.stakeTimeSec),
            timeLimitMs: ms(r.timeLimitSec),
          };
        case 'tiebreak':
          return { ...question, ...buzz, kind: 'tiebreak' as const, ...(optNum(r.places) !== undefined ? { places: optNum(r.places) } : {}) };
      }
    }),
  };
}
