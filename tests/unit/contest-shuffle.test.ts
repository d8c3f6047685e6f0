import { describe, expect, it } from 'vitest';
import { isCorrect } from '../../shared/bank/answer';
import { answerIndexes, displayOptions } from '../../shared/bank/question';
import { contestConfigSchema, shuffleOptions, unshuffle, type ContestQuestion } from '../../shared/contest';
import { config, multiple, single, truefalse } from './contest-fixtures';

const base = () =>
  config([
    {
      id: 'r1',
      title: '必答题',
      kind: 'compulsory',
      // Forty questions whose key is C in the bank: the skew the audience would learn to guess.
      questions: Array.from({ length: 40 }, (_, i) => single(`c-${i}`, 2, ['甲', '乙', '丙', '丁'])),
    },
    { id: 'r2', title: '抢答题', kind: 'buzzer', questions: [multiple('m-1'), truefalse('t-1')] },
  ]);

const questions = (c: ReturnType<typeof base>) => c.rounds.flatMap((r) => (r.kind === 'judged' ? [] : r.questions)) as ContestQuestion[];

describe('stage option order', () => {
  it('shuffles each question once from a recorded seed; the key follows its option', () => {
    const shuffled = shuffleOptions(base(), 20260401);
    expect(shuffled.optionSeed).toBe(20260401);
    // The frozen config still passes the schema the server loads it with.
    expect(contestConfigSchema.parse(shuffled)).toEqual(shuffled);
    for (const q of questions(shuffled)) {
      if (q.type === 'truefalse') {
        expect(q.optionOrder).toBeUndefined();
        continue;
      }
      const bank = unshuffle(q);
      const shown = displayOptions(q);
      const banked = displayOptions(bank);
      // The right option text is still the right one.
      expect(answerIndexes(q).map((i) => shown[i]).sort()).toEqual(answerIndexes(bank).map((i) => banked[i]).sort());
      expect(q.optionOrder!.map((i) => banked[i])).toEqual(shown);
    }
    // The key letters spread out: no letter keeps the bank's 100% (40 questions, key C).
    const keys = questions(shuffled).filter((q) => q.type === 'single').map((q) => answerIndexes(q)[0]);
    const counts = [0, 1, 2, 3].map((i) => keys.filter((k) => k === i).length);
    expect(Math.max(...counts)).toBeLessThan(20);
    expect(counts.filter((n) => n > 0).length).toBe(4);
  });

  it('is the same for the same seed (replay, export and devices agree), different for another, and idempotent', () => {
    const a = shuffleOptions(base(), 7);
    expect(shuffleOptions(base(), 7)).toEqual(a);
    expect(shuffleOptions(a, 7)).toEqual(a);
    const texts = (c: ReturnType<typeof base>) => questions(c).map((q) => (q.type === 'truefalse' || q.type === 'shortanswer' ? '' : q.options.join()));
    expect(texts(shuffleOptions(base(), 8))).not.toEqual(texts(a));
    const m = questions(a).find((q) => q.id === 'm-1')!;
    const right = answerIndexes(m);
    expect(isCorrect(m, right)).toBe(true);
    expect(right.map((i) => displayOptions(m)[i]).sort()).toEqual(['超重肥胖', '过量饮酒', '高盐饮食'].sort());
  });
});
