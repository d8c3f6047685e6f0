import { describe, expect, it } from 'vitest';
import { checkChoice, isCorrect } from '../../shared/bank/answer';
import { questionSchema, type Question } from '../../shared/bank/question';

const base = { explanation: '膳食指南建议每天不超过5克。', topic: 'nutrition', difficulty: 1, literacy: { edition: '2024', item: 30 }, revision: 1 };
const single = questionSchema.parse({ ...base, id: 'a-single', type: 'single', stem: '成年人每天食盐摄入量不超过多少克？', options: ['3克', '5克', '6克', '10克'], answer: 'B' }) as Question;
const multiple = questionSchema.parse({ ...base, id: 'a-multiple', type: 'multiple', stem: '下列属于高血压危险因素的有？', options: ['高盐饮食', '超重肥胖', '规律运动', '过量饮酒'], answer: 'ABD' }) as Question;
const truefalse = questionSchema.parse({ ...base, id: 'a-tf', type: 'truefalse', stem: '低焦油卷烟同样有害健康。', answer: true }) as Question;
const oral = questionSchema.parse({ ...base, id: 'a-oral', type: 'shortanswer', stem: '请说出成年人每天食盐摄入量的上限。', answer: '不超过5克。' }) as Question;

describe('the answer check (online quiz and live contest alike)', () => {
  it('takes exactly the key, in any order, and nothing more or less', () => {
    expect(isCorrect(single, [1])).toBe(true);
    expect(isCorrect(single, [0])).toBe(false);
    expect(isCorrect(multiple, [3, 0, 1])).toBe(true);
    expect(isCorrect(multiple, [0, 1])).toBe(false);
    expect(isCorrect(multiple, [0, 1, 2, 3])).toBe(false);
    expect(isCorrect(truefalse, [0])).toBe(true);
    expect(isCorrect(truefalse, [1])).toBe(false);
    expect(isCorrect(single, [])).toBe(false);
    expect(isCorrect(single, [-1])).toBe(false);
    // Only the host's verdict makes a short answer right.
    expect(isCorrect(oral, [])).toBe(false);
  });

  it('refuses options the question does not have, repeats, and more than one for single choice and true/false', () => {
    expect(checkChoice(single, [1])).toBeNull();
    expect(checkChoice(multiple, [0, 1, 3])).toBeNull();
    expect(checkChoice(single, [4])).toEqual({ problem: 'unknown-option', index: 4 });
    expect(checkChoice(truefalse, [2])).toEqual({ problem: 'unknown-option', index: 2 });
    expect(checkChoice(single, [-1])).toEqual({ problem: 'unknown-option', index: -1 });
    expect(checkChoice(single, [1.5])).toEqual({ problem: 'unknown-option', index: 1.5 });
    // An unknown option is reported before anything else wrong with the set.
    expect(checkChoice(single, [1, 1, 9])).toEqual({ problem: 'unknown-option', index: 9 });
    expect(checkChoice(multiple, [0, 0])).toEqual({ problem: 'malformed' });
    expect(checkChoice(single, [0, 1])).toEqual({ problem: 'malformed' });
    expect(checkChoice(truefalse, [])).toEqual({ problem: 'malformed' });
    expect(checkChoice(multiple, [])).toBeNull();
    expect(checkChoice(oral, [0])).toEqual({ problem: 'unknown-option', index: 0 });
  });
});
