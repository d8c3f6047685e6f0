import { makeTranslator, type Catalogue } from './locale';

/** Strings of the form fields (`ui/form`): units, and our own words for empty and out-of-range numbers. */
const messages = {
  'form.unit': ['（{unit}）', ' ({unit})'],
  'form.secondsRange': ['请填写 {min}–{max} 秒之间的整数', 'Enter whole seconds from {min} to {max}'],
  'form.numberRequired': ['请填写数字', 'Enter a number'],
} satisfies Catalogue;

export type FormKey = keyof typeof messages;

export { messages };

/** Translates a message of the form fields. */
export const tForm = makeTranslator(messages);
