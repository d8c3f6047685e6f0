/**
 * The client's i18n: the locale and translators (`./locale`); one catalogue per surface, each holding every message
 * in both locales (`./citizen`, `./region`, `./guide`, `./poster`, `./form`, `./admin`, `./contests`, `./stage`,
 * `./phone`); and the glossary (`./glossary/*`) of the terms several messages share. A surface's catalogue stays in
 * that surface's chunk, and the glossary is split by where its words appear, so a phone never downloads words only the
 * back office or the stage shows.
 */
export { fill, locale, makeTranslator, setLocale, type Catalogue, type Term } from './locale';
export { t, type MessageKey } from './citizen';
