import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FirstData } from '../../shared/protocol/first-data.js';
import { errorMessage, type ErrorCode, type Locale } from '../../shared/i18n/messages.js';
import type { AppError } from '../../shared/protocol/result.js';
import type { ContestAccess } from '../contest/contest-access.js';
import { todaysCard } from '../quiz/daily.js';
import { QuizError, type QuizService } from '../quiz/quiz.js';
import { quizInfo } from './routes/quiz.js';

const appError = (code: ErrorCode, locale: Locale, params: Record<string, string | number> = {}): AppError => ({ code, message: errorMessage(code, locale, params) });

/** One chunk of Vite's build manifest (`build.manifest: true`). */
interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

/** Which page component (its source path in the manifest) a phone's address opens. */
const PAGES: [RegExp, string][] = [
  [/^\/quiz\/[A-Za-z0-9_-]+\/?$/, 'src/pages/quiz-play.tsx'],
  [/^\/(?:join|play)\/\d{6}\/?$/, 'src/contest/play.tsx'],
  [/^\/quiz\/?$/, 'src/pages/quiz-list.tsx'],
];

/** What the shell of one page adds to index.html: its scripts to preload and its stylesheets. */
interface PageHints {
  modules: string[];
  styles: string[];
}

/**
 * The chunks a page needs beyond the entry (which index.html already loads), from the manifest: the page's
 * own chunk and everything it imports statically, with their stylesheets.
 */
function hintsFor(manifest: Manifest, page: string): PageHints {
  const entryKeys = new Set<string>();
  const walk = (key: string, into: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || into.has(key)) return;
    into.add(key);
    for (const dep of chunk.imports ?? []) walk(dep, into);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) walk(key, entryKeys);
  const keys = new Set<string>();
  walk(page, keys);
  const modules: string[] = [];
  const styles: string[] = [];
  for (const key of keys) {
    const chunk = manifest[key]!;
    if (!entryKeys.has(key)) modules.push(`/${chunk.file}`);
    for (const css of chunk.css ?? []) if (!styles.includes(`/${css}`)) styles.push(`/${css}`);
  }
  // The entry's own stylesheet is already linked by index.html.
  const entryStyles = new Set([...entryKeys].flatMap((k) => (manifest[k]!.css ?? []).map((c) => `/${c}`)));
  return { modules, styles: styles.filter((s) => !entryStyles.has(s)) };
}

/** JSON that is safe inside a `<script>` element: no `</script>`, no HTML comment openers, no line separators. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The client's index.html, shaped per address so that a phone on a weak network does not wait for one
 * request to finish before it learns of the next: the page's own scripts and stylesheets are announced in
 * the head (`modulepreload`, fetched in parallel with the entry instead of after it has run), and the
 * data the page shows first (the quiz's rules and counties, the contest's title and counties) comes inside
 * the document as a JSON block the page reads instead of asking for it.
 */
export class PageShell {
  readonly #html: string;
  readonly #hints = new Map<string, string>();

  constructor(html: string, manifest: Manifest | null) {
    this.#html = html;
    if (!manifest) return;
    for (const [, page] of PAGES) {
      if (!manifest[page]) continue;
      const { modules, styles } = hintsFor(manifest, page);
      this.#hints.set(
        page,
        [...styles.map((href) => `<link rel="stylesheet" crossorigin href="${href}">`), ...modules.map((href) => `<link rel="modulepreload" crossorigin href="${href}">`)].join('\n    '),
      );
    }
  }

  /** Reads `index.html` and the build manifest of a built client folder (null when the client is not built). */
  static load(clientDir: string): PageShell | null {
    const indexFile = path.join(clientDir, 'index.html');
    if (!existsSync(indexFile)) return null;
    const manifestFile = path.join(clientDir, '.vite', 'manifest.json');
    const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest) : null;
    return new PageShell(readFileSync(indexFile, 'utf8'), manifest);
  }

  /** The document for a path, with its page's hints and, when given, its first data. */
  render(pathname: string, data?: FirstData): string {
    const page = PAGES.find(([re]) => re.test(pathname))?.[1];
    const hints = page ? this.#hints.get(page) : undefined;
    let head = hints ? `  ${hints}\n` : '';
    if (data) head += `    <script type="application/json" id="first-data">${inlineJson(data)}</script>\n`;
    return head ? this.#html.replace('  </head>', `${head}  </head>`) : this.#html;
  }
}

/** What the first data of a page needs from the services. */
export interface FirstDataSources {
  quiz: QuizService;
  contests: { access: Pick<ContestAccess, 'byPin' | 'counties'> };
  now: () => number;
}

/** The 每日一学 card the quiz page shows under its form, or the localized reason there is none. */
async function dailyOf(quiz: QuizService, campaignId: string, t: number, locale: Locale): Promise<NonNullable<FirstData['daily']>> {
  try {
    return { ok: true, data: await todaysCard(quiz, campaignId, t) };
  } catch (e) {
    if (e instanceof QuizError) return { ok: false, error: appError(e.code, locale, e.params) };
    throw e;
  }
}

/**
 * The data a phone page at this path shows first: a quiz's rules and counties with its 每日一学 card, a contest's
 * title and counties (or the localized reason there is none). Undefined for any other path.
 */
export async function firstData(pathname: string, sources: FirstDataSources, locale: Locale): Promise<FirstData | undefined> {
  const quizPath = /^\/quiz\/([A-Za-z0-9_-]{6,32})\/?$/.exec(pathname);
  const serverTime = sources.now();
  if (quizPath) {
    const info = await quizInfo(sources.quiz, quizPath[1]!, serverTime);
    if (!info) return { path: pathname, serverTime, quiz: { ok: false, error: appError('quiz/campaign-not-found', locale) } };
    return { path: pathname, serverTime, quiz: { ok: true, data: info }, daily: await dailyOf(sources.quiz, info.id, serverTime, locale) };
  }
  const contestPath = /^\/(?:join|play)\/(\d{6})\/?$/.exec(pathname);
  if (contestPath) {
    const pin = contestPath[1]!;
    const row = await sources.contests.access.byPin(pin);
    if (!row) return { path: pathname, serverTime, contest: { ok: false, error: appError('contest/pin-not-found', locale, { pin }) } };
    return { path: pathname, serverTime, contest: { ok: true, data: { title: row.title, counties: await sources.contests.access.counties(row.id), finished: row.status === 'finished' } } };
  }
  return undefined;
}
