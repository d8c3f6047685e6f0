import { describe, expect, it } from 'vitest';
import { contestDraftSchema } from '../../shared/contest/draft';
import { blankForm, blankRound, fromDraft, nextId, toDraft, type Form, type RoundForm } from '../../client/src/admin/contests/model';

/** A round of each kind, every field of its kind set away from the blank form's defaults. */
function sampleForm(): Form {
  const round = (kind: RoundForm['kind'], id: string, fields: Partial<RoundForm>): RoundForm => ({ ...blankRound(kind, id, 'j1'), setId: 'set-001', ...fields });
  return {
    ...blankForm(),
    title: '廊坊市健康知识家庭挑战赛',
    rehearsal: true,
    excludeAdult: true,
    baseScore: '50',
    regionCode: '131000',
    audience: { pointsPerCorrect: '80', speedBonusMax: '20', leaderboardSize: '30' },
    teams: [
      { id: 't1', name: '张家战队', members: '张三、李四、张小明', county: '131002' },
      { id: 't2', name: '王家战队', members: '', county: '' },
      { id: 't3', name: '赵家战队', members: '赵一 赵二，赵三', county: '' },
    ],
    rounds: [
      round('compulsory', 'r1', { title: '必答', timeLimitSec: '45', correctPoints: '20', wrongPoints: '-5', audienceTimeSec: '25' }),
      round('buzzer', 'r2', {
        answerMode: 'device',
        buzzWindowSec: '12',
        answerTimeSec: '18',
        correctPoints: '30',
        wrongPoints: '-15',
        timeoutPoints: '-5',
        falseStartPoints: '-20',
        falseStartForfeits: true,
        rebounds: '2',
        reboundCorrectPoints: '10',
        reboundWrongPoints: '-3',
        audience: false,
      }),
      round('risk', 'r3', { stakes: '10/20/40', pickOrder: 'highest-first', allowPass: true, stakeTimeSec: '15', timeLimitSec: '40' }),
      round('tiebreak', 'r4', { answerMode: 'oral', buzzWindowSec: '10', answerTimeSec: '15', places: '3' }),
      {
        ...blankRound('judged', 'r5', 'j1'),
        title: '才艺展示',
        judges: [
          { id: 'j1', name: '刘医生' },
          { id: 'j2', name: '陈老师' },
          { id: 'j3', name: '孙护士' },
        ],
        aggregate: 'trimmed-mean',
        minScore: '60',
        maxScore: '100',
        weight: '0.2',
        performers: ['t1', 't3'],
      },
    ],
  };
}

describe('contest editor form', () => {
  it('saves what the organizer typed and loads it back unchanged', () => {
    const form = sampleForm();
    const draft = contestDraftSchema.parse(toDraft(form));
    expect(draft.rounds.map((r) => r.kind)).toEqual(['compulsory', 'buzzer', 'risk', 'tiebreak', 'judged']);
    // Members typed with spaces or commas come back joined by 、.
    const typed = form.teams.map((t) => (t.id === 't3' ? { ...t, members: '赵一、赵二、赵三' } : t));
    expect(fromDraft(draft)).toEqual({ ...form, teams: typed });
  });

  it('turns seconds into milliseconds and lists into arrays', () => {
    const draft = toDraft(sampleForm());
    expect(draft.rounds[0]).toMatchObject({ kind: 'compulsory', timeLimitMs: 45_000, audienceTimeMs: 25_000 });
    expect(draft.rounds[2]).toMatchObject({ kind: 'risk', stakes: [10, 20, 40], stakeTimeMs: 15_000 });
    expect(draft.teams[0]).toEqual({ id: 't1', name: '张家战队', members: ['张三', '李四', '张小明'], county: '131002' });
    expect(draft.teams[1]).toEqual({ id: 't2', name: '王家战队' });
    expect(draft.teams[2]!.members).toEqual(['赵一', '赵二', '赵三']);
  });

  it('leaves blank optional fields out and sends blank required numbers as NaN for the server to name', () => {
    const form = sampleForm();
    form.rounds[1]!.reboundCorrectPoints = '';
    form.rounds[3]!.places = '';
    form.baseScore = ' ';
    const draft = toDraft(form);
    expect(draft.rounds[1]).not.toHaveProperty('reboundCorrectPoints');
    expect(draft.rounds[3]).not.toHaveProperty('places');
    expect(draft.baseScore).toBeNaN();
    expect(contestDraftSchema.safeParse(draft).error?.issues.map((i) => i.path.join('.'))).toEqual(['baseScore']);
  });

  it('gives a judge who sits on two panels one id, so one scoring link', () => {
    const form = sampleForm();
    form.rounds.push({ ...blankRound('judged', 'r6', 'j4'), judges: [{ id: 'j4', name: '陈老师' }, { id: 'j5', name: '周主任' }] });
    const judged = toDraft(form).rounds.filter((r) => r.kind === 'judged');
    expect(judged.map((r) => r.judges.map((j) => j.id))).toEqual([['j1', 'j2', 'j3'], ['j2', 'j5']]);
  });

  it('numbers new rows with the next free id', () => {
    expect(nextId('t', ['t1', 't2', 't4'])).toBe('t3');
    expect(nextId('r', [])).toBe('r1');
  });
});
