import { describe, expect, it } from 'vitest';
import { bankMetrics, metricFailures, questionWarnings } from '../../shared/bank/bank-metrics';
import { questionSchema, TOPIC_IDS, type Question } from '../../shared/bank/question';

let next = 0;
const base = (topic: string = 'concepts', difficulty = 3) => ({
  id: `t-${++next}`,
  stem: '这是一道用于测试的题目（　）。',
  explanation: '这是一条用于测试的解析说明。',
  topic,
  difficulty,
  literacy: { edition: '2024', item: 1 },
});
const single = (options: string[], answer: string, topic?: string, difficulty?: number): Question =>
  questionSchema.parse({ ...base(topic, difficulty), type: 'single', options, answer });
const multiple = (options: string[], answer: string): Question => questionSchema.parse({ ...base(), type: 'multiple', options, answer });
const tf = (answer: boolean): Question => questionSchema.parse({ ...base(), type: 'truefalse', answer });

/**
 * A bank that passes every limit: 560 questions, all hard, every topic covered; single choice keyed
 * A/B/C/D in turn on equal-length options; multiple choice with 2, 3 and 4 correct of five; true/false half true.
 */
function passingBank(): Question[] {
  const bank: Question[] = [];
  const letters = ['A', 'B', 'C', 'D'];
  for (let i = 0; i < 200; i++) bank.push(single(['甲甲', '乙乙', '丙丙', '丁丁'], letters[i % 4]!, TOPIC_IDS[i % TOPIC_IDS.length]));
  const keys = ['AB', 'ABC', 'ABCD', 'BD', 'ACE', 'BE'];
  for (let i = 0; i < 120; i++) bank.push(multiple(['甲', '乙', '丙', '丁', '戊'], keys[i % keys.length]!));
  for (let i = 0; i < 240; i++) bank.push(tf(i % 2 === 0));
  return bank;
}

describe('bank metrics', () => {
  it('passes a balanced bank', () => {
    const m = bankMetrics(passingBank());
    expect(metricFailures(m)).toEqual([]);
    expect(m.longestPick).toBeCloseTo(0.25);
    expect(m.letters).toEqual({ A: 0.25, B: 0.25, C: 0.25, D: 0.25 });
  });

  it('fails when the key is the longest option too often', () => {
    const bank = passingBank();
    // 80 of 200 single choice keyed to the one longest option: 80 + 120/4 = 110 of 200 = 55%.
    for (let i = 0; i < 80; i++) bank[i] = single(['甲甲', '乙乙', '丙丙', '丁丁'].map((o, j) => (j === i % 4 ? o + '很长很长' : o)), ['A', 'B', 'C', 'D'][i % 4]!, TOPIC_IDS[i % TOPIC_IDS.length]);
    const failures = metricFailures(bankMetrics(bank));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/longest option scores 55\.0%/);
  });

  it('splits the credit of a tie for the longest', () => {
    const m = bankMetrics([single(['甲甲', '乙乙', '丙', '丁'], 'A')]);
    expect(m.longestPick).toBe(0.5);
    expect(m.uniqueLongestKey).toBe(0);
  });

  it('fails on "all but one" and on an unused key size', () => {
    const bank: Question[] = passingBank().filter((q) => q.type !== 'multiple');
    for (let i = 0; i < 120; i++) bank.push(multiple(['甲', '乙', '丙', '丁'], i < 48 ? 'AB' : 'ABC'));
    const failures = metricFailures(bankMetrics(bank));
    expect(failures).toEqual([
      expect.stringMatching(/"all but one" is the key of 60\.0%/),
      'multiple choice never has 4 correct option(s); 2, 3 and 4 must all be used',
    ]);
  });

  it('fails on lopsided letters and lopsided true/false', () => {
    const bank = passingBank();
    for (let i = 0; i < 20; i++) bank[i * 4 + 3] = single(['甲甲', '乙乙', '丙丙', '丁丁'], 'C', TOPIC_IDS[i % TOPIC_IDS.length]); // D → C: C 35%, D 15%
    let flipped = 0;
    for (let i = 0; i < bank.length && flipped < 30; i++) {
      if (bank[i]!.type === 'truefalse' && bank[i]!.answer === false) {
        bank[i] = tf(true);
        flipped++;
      }
    }
    const failures = metricFailures(bankMetrics(bank));
    expect(failures).toEqual([
      expect.stringMatching(/^key C on 35\.0%/),
      expect.stringMatching(/^key D on 15\.0%/),
      expect.stringMatching(/^true\/false is 正确 on 62\.5%/),
    ]);
  });

  it('fails when more than 5% of options carry an absolute word', () => {
    const bank = passingBank();
    // 200×4 + 120×5 = 1,400 options; 71 absolute options is 5.07%.
    for (let i = 0; i < 71; i++) bank[i] = single(['甲甲', '乙乙', '丙丙', '一定丁'].map((o, j) => (j === 3 ? o : o)), ['A', 'B', 'C', 'D'][i % 4]!, TOPIC_IDS[i % TOPIC_IDS.length]);
    expect(metricFailures(bankMetrics(bank))).toEqual([expect.stringMatching(/^71 of 1400 options \(5\.1%\) carry an absolute word/)]);
    bank[0] = single(['甲甲', '乙乙', '丙丙', '丁丁'], 'A', TOPIC_IDS[0]);
    expect(metricFailures(bankMetrics(bank))).toEqual([]);
  });

  it('fails on too few questions, too few hard ones and a topic without a hard one', () => {
    const bank = passingBank().map((q) => (q.topic === 'oral-health' ? { ...q, difficulty: 1 as const } : q));
    bank.pop();
    const failures = metricFailures(bankMetrics(bank));
    expect(failures).toEqual(['559 questions (at least 560 needed)', 'no hard question on topic(s): oral-health']);
    const easy = passingBank().map((q, i) => (i >= 84 ? { ...q, difficulty: 2 as const } : q)); // 84 hard of 560, one per topic at least
    expect(metricFailures(bankMetrics(easy))).toEqual([]);
    easy[0] = { ...easy[0]!, difficulty: 1 } as Question; // 83 hard of 560 < 15%
    expect(metricFailures(bankMetrics(easy))).toEqual([expect.stringMatching(/^83 hard questions, 14\.8%/)]);
  });
});

describe('question warnings', () => {
  it('warns on a key that stands out by length, absolute words only on distractors, "all but one" and a "？" stem', () => {
    expect(questionWarnings(single(['少吃盐', '完全不吃盐', '多吃咸菜', '每天不超过5克盐，少吃腌制食品'], 'D')).map((w) => w.key)).toEqual([
      'bank/warn-longest-key',
      'bank/warn-absolute-distractor',
    ]);
    expect(questionWarnings(single(['每天不超过5克', '每天不超过6克', '每天不超过9克', '每天不超过3克'], 'A'))).toEqual([]);
    // An absolute word on the key as well as a distractor is balanced: no warning.
    expect(questionWarnings(multiple(['所有人都应接种', '只吃素', '甲', '乙'], 'AC'))).toEqual([]);
    expect(questionWarnings(multiple(['甲', '乙', '丙', '丁'], 'ABC')).map((w) => w.key)).toEqual(['bank/warn-all-but-one']);
    expect(questionWarnings(questionSchema.parse({ ...base(), stem: '哪一项正确？', type: 'single', options: ['甲', '乙'], answer: 'A' })).map((w) => w.key)).toEqual([
      'bank/warn-question-mark-stem',
    ]);
  });
});
