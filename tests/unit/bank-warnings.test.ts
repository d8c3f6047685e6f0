import { describe, expect, it } from 'vitest';
import { parseQuestionSheet, writeQuestionSheet } from '../../server/bank/bank-io';

const HEADER = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '主题', '难度', '知识点'];
const csv = (rows: string[][]) => {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return { name: 'bank.csv', data: new TextEncoder().encode([HEADER, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n') };
};
const EXPL = '《中国居民膳食指南（2022）》建议成年人每天摄入食盐不超过5克。';

describe('import warnings: editorial rules broken, file imported anyway', () => {
  it('names the row and column of each broken rule and imports every question', async () => {
    const result = await parseQuestionSheet(
      csv([
        ['单选', '成年人每天食盐摄入量不超过（　）。', '3克', '5克', '6克', '10克', 'B', EXPL, '合理膳食', '易', '2024-27'],
        ['单选', '关于减盐，下列哪项正确？', '少放点盐', '完全不吃盐', '多吃咸菜', '每天不超过5克，少吃腌制食品和酱菜', 'D', EXPL, '合理膳食', '易', '2024-27'],
        ['多选', '下列属于“隐形盐”来源的有（　）。', '酱油', '咸菜', '腐乳', '新鲜黄瓜', 'ABC', EXPL, '合理膳食', '易', '2024-27'],
      ]),
      'zh-CN',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.questions).toHaveLength(3);
    expect(result.warnings).toEqual([
      { row: 3, column: '题干', message: '选择题题干请用“（　）。”的形式，不以问号结尾' },
      { row: 3, column: '答案', message: expect.stringContaining('正确选项明显比其他选项长') },
      { row: 3, column: '选项B', message: expect.stringContaining('只有错误选项 B 含有') },
      { row: 4, column: '答案', message: expect.stringContaining('除一项外全选') },
    ]);
  });

  it('speaks English when asked, and says nothing about a question that keeps the rules', async () => {
    const clean = await parseQuestionSheet(csv([['单选', '成年人每天食盐摄入量不超过（　）。', '3克', '5克', '6克', '10克', 'B', EXPL, '合理膳食', '易', '2024-27']]), 'en');
    expect(clean).toMatchObject({ ok: true, warnings: [] });
    const tricky = await parseQuestionSheet(csv([['多选', '下列属于“隐形盐”来源的有（　）。', '酱油', '咸菜', '腐乳', '新鲜黄瓜', 'ABC', EXPL, '合理膳食', '易', '2024-27']]), 'en');
    expect(tricky).toMatchObject({ ok: true, warnings: [{ row: 2, column: '答案', message: expect.stringContaining('all but one') }] });
  });
});

describe('short answer (简答) in spreadsheets', () => {
  it('imports 简答/口答 rows with the reference answer, refuses options on them, and round-trips through the export', async () => {
    const row = ['简答', '请说出成年人每天食盐摄入量的上限。', '', '', '', '', '不超过5克', EXPL, '合理膳食', '中', '2024-27'];
    const ok = await parseQuestionSheet(csv([row]), 'zh-CN');
    if (!ok.ok) throw new Error(JSON.stringify(ok.problems));
    expect(ok.questions[0]).toMatchObject({ type: 'shortanswer', answer: '不超过5克' });
    expect(ok.warnings).toEqual([]);
    const withOptions = await parseQuestionSheet(csv([['口答', row[1]!, '5克', '', '', '', '不超过5克', EXPL, '合理膳食', '中', '2024-27']]), 'zh-CN');
    expect(withOptions).toMatchObject({ ok: false, problems: [{ row: 2, column: '选项A', message: '简答题不填选项，参考答案写在“答案”列' }] });
    const file = await writeQuestionSheet(ok.questions, 'xlsx');
    const again = await parseQuestionSheet({ name: 'bank.xlsx', data: file }, 'zh-CN');
    expect(again).toMatchObject({ ok: true, questions: ok.questions });
  });
});
