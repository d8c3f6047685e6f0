import { familyDoctor, printPoster, projectManager, villageDoctor } from './glossary/guide';
import { makeTranslator, type Catalogue } from './locale';

/** Strings of a health guide's printable A4 poster. */
const messages = {
  'poster.scan': ['微信扫一扫 参加健康知识答题', 'Scan with WeChat to take the health quiz'],
  'poster.guide': ['您的健康指导员', 'Your health guide'],
  'poster.print': printPoster,
  'poster.hint': ['打印时请选择 A4 纸、无边距或默认边距；扫码后将自动记入您的指导员名下。', 'Print on A4; residents who scan are counted for this guide.'],
  'role.family-doctor': familyDoctor,
  'role.village-doctor': villageDoctor,
  'role.manager': projectManager,
  'role.other': ['健康指导员', 'Health guide'],
} satisfies Catalogue;

export type PosterKey = keyof typeof messages;

export { messages };

/** Translates a message of a health guide's poster. */
export const tPoster = makeTranslator(messages);
