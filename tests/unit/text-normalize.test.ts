/** Stored text is normalized before it is checked (#15): invisible characters cannot split words past a filter. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { campaignSettingsSchema } from '../../shared/quiz/campaign';
import { nameProblem } from '../../shared/protocol/names';
import { publicName, text } from '../../shared/protocol/text';

const parse = (schema: z.ZodType, value: unknown) => schema.safeParse(value);

describe('text normalization', () => {
  it('catches what zero-width characters, full-width forms and ideographic dots hid from the name filter', () => {
    expect(parse(publicName(1, 50), '138\u200B1234\u200B5678').success).toBe(false);
    expect(nameProblem('138\u200B1234\u200B5678')).toBe('name/contact');
    expect(nameProblem('evil。com')).toBe('name/link');
    expect(nameProblem('ｅｖｉｌ．ｃｏｍ')).toBe('name/link');
    expect(nameProblem('傻\u200Db')).toBe('name/abuse');
  });

  it('refuses names of invisible characters only and stores names without them', () => {
    expect(parse(publicName(1, 50), '\u200B\u200C\u2060\uFEFF').success).toBe(false);
    expect(parse(publicName(1, 50), '\u3164').success).toBe(false);
    expect(parse(publicName(1, 50), '张家\u200B战队')).toMatchObject({ success: true, data: '张家战队' });
    expect(parse(publicName(1, 50), 'ＡＢＣ战队')).toMatchObject({ success: true, data: 'ABC战队' });
  });

  it('drops bidi controls from stored text, keeps Chinese punctuation as written, and checks descriptions too', () => {
    expect(parse(text(1, 100), '题干\u202E反转\u202C，（全角）')).toMatchObject({ success: true, data: '题干反转，（全角）' });
    const base = { title: '活动', startsAt: 0, endsAt: 1, regionCode: '131000', mix: [{ count: 1 }], timeLimitSec: 60, attemptsPerDay: 1, attemptsTotal: 1, counting: 'best', passMark: 60, showExplanations: false, fields: { name: false, phone: false, team: false } };
    expect(parse(campaignSettingsSchema, { ...base, description: '说明\u0007响铃' }).success).toBe(false);
    expect(parse(campaignSettingsSchema, { ...base, description: '说明\u200B文字' })).toMatchObject({ success: true, data: { description: '说明文字' } });
  });
});
