import { hc, type ClientResponse, type InferRequestType } from 'hono/client';
import type { AppType } from '../../../server/app';
import type { CampaignSettings } from '../../../shared/quiz/campaign';
import type { Result } from '../../../shared/protocol/result';
import { publicApi } from './public-api';
import { apiFetch, networkFailure, type Data, type DataOf, type UploadResult } from './request';

export { setCsrfToken, type Data, type DataOf, type ImportProblem, type UploadResult } from './request';
export type { AttemptView, PlayerQuestion, QuizInfo, QuizResult, RegionRow, Standing } from './public-api';

/**
 * The API as the server declares it (`AppType`): paths, parameters, bodies and answers are checked
 * against the server's routes and schemas, for the staff pages. (The phone pages call the same routes
 * through `request` with these types: see lib/public-api.ts.)
 */
export const client = hc<AppType>('/api', { fetch: apiFetch });

/** Runs a typed call: its answer as a `Result` (the shape of every API answer), a network failure as an error value. */
export async function call<R extends ClientResponse<unknown, number, string>>(response: Promise<R>): Promise<Result<Data<R>>> {
  try {
    return (await (await response).json()) as Result<Data<R>>;
  } catch {
    return networkFailure();
  }
}

/** A query's values as sent: words as they are, numbers as text. */
type Query<T> = { [K in keyof T]?: Extract<T[K], string> | ([Extract<T[K], number>] extends [never] ? never : string) };
/** The query of a list: blank filters left out, as the server reads no value as "any". */
export function query<T extends object>(params: T): Query<T> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== null) out[k] = String(v);
  return out as Query<T>;
}

const enc = encodeURIComponent;
/** A same-origin URL under /api (downloads, images) built from the typed route. */
const href = (path: string) => `/api${path}`;

export type Me = DataOf<typeof client.auth.me.$get>;
export type Role = Me['user']['role'];
export type BankEntry = DataOf<typeof client.bank.questions.$get>['items'][number];
type BankQuery = NonNullable<InferRequestType<typeof client.bank.questions.$get>['query']>;
/** The bank list's filters as the page holds them (checked by the server). */
export type BankFilter = { [K in keyof BankQuery]?: K extends 'item' | 'difficulty' | 'page' | 'pageSize' ? number : string };
export type SetSummary = DataOf<typeof client.bank.sets.$get>[number];
export type SetDetail = DataOf<(typeof client.bank.sets)[':id']['$get']>;
export type StaffUser = DataOf<typeof client.users.$get>[number];
export type { CampaignSettings };
export type CampaignRow = DataOf<typeof client.campaigns.$get>[number];
export type CampaignStats = DataOf<(typeof client.campaigns)[':id']['stats']['$get']>;
/** One county row of a campaign's statistics: the same row the live board shows. */
export type CountyStat = CampaignStats['counties'][number];
type NewQuestion = InferRequestType<typeof client.bank.questions.$post>['json'];
type UserPatch = InferRequestType<(typeof client.users)[':id']['$patch']>['json'];
type NewUser = InferRequestType<typeof client.users.$post>['json'];
type SetBody = InferRequestType<typeof client.bank.sets.$post>['json'];

/** Every call of the staff pages (and the public ones, which they use too). */
export const api = {
  ...publicApi,
  contest: (id: string) => call(client.contests[':id'].$get({ param: { id: enc(id) } })),
  listCampaigns: () => call(client.campaigns.$get()),
  getCampaign: (id: string) => call(client.campaigns[':id'].$get({ param: { id: enc(id) } })),
  createCampaign: (s: CampaignSettings) => call(client.campaigns.$post({ json: s })),
  updateCampaign: (id: string, s: CampaignSettings) => call(client.campaigns[':id'].$put({ param: { id: enc(id) }, json: s })),
  campaignAction: async (id: string, action: 'publish' | 'unpublish' | 'archive') => {
    const r = await call(client.campaigns[':id'][':action{publish|archive|unpublish|review}'].$post({ param: { id: enc(id), action } }));
    if (!r.ok) return r;
    // The same route takes an attempt's review, which answers `{ id, review }`: never for these actions.
    return 'status' in r.data ? { ok: true as const, data: r.data } : { ok: false as const, error: { code: 'server/internal', message: '' } };
  },
  campaignStats: (id: string, from?: string, to?: string) => call(client.campaigns[':id'].stats.$get({ param: { id: enc(id) }, query: query({ from, to }) })),
  campaignDrill: (id: string, region?: string) => call(client.campaigns[':id'].drill.$get({ param: { id: enc(id) }, query: query({ region }) })),
  campaignExportUrl: (id: string, from?: string, to?: string) => href(client.campaigns[':id']['export.xlsx'].$path({ param: { id: enc(id) }, query: query({ from, to }) })),

  login: (username: string, password: string) => call(client.auth.login.$post({ json: { username, password } })),
  me: () => call(client.auth.me.$get()),
  logout: () => call(client.auth.logout.$post()),

  searchBank: (filter: BankFilter) => call(client.bank.questions.$get({ query: query(filter) as BankQuery })),
  getQuestion: (id: string) => call(client.bank.questions[':id'].$get({ param: { id: enc(id) } })),
  createQuestion: (q: NewQuestion) => call(client.bank.questions.$post({ json: q })),
  updateQuestion: (id: string, baseRevision: number, question: Omit<NewQuestion, 'id'>) => call(client.bank.questions[':id'].$put({ param: { id: enc(id) }, json: { baseRevision, question } })),
  setQuestionStatus: (id: string, action: 'retire' | 'restore') =>
    action === 'retire' ? call(client.bank.questions[':id'].retire.$post({ param: { id: enc(id) } })) : call(client.bank.questions[':id'].restore.$post({ param: { id: enc(id) } })),

  listSets: () => call(client.bank.sets.$get()),
  getSet: (id: string) => call(client.bank.sets[':id'].$get({ param: { id: enc(id) } })),
  createSet: (body: SetBody) => call(client.bank.sets.$post({ json: body })),
  updateSet: (id: string, body: SetBody) => call(client.bank.sets[':id'].$put({ param: { id: enc(id) }, json: body })),
  deleteSet: (id: string) => call(client.bank.sets[':id'].$delete({ param: { id: enc(id) } })),

  importBank: (file: File) => call(client.bank.import.$post({ form: { file } })) as Promise<UploadResult<DataOf<typeof client.bank.import.$post>>>,
  exportUrl: (format: 'xlsx' | 'csv', setId?: string) => href(client.bank.export.$path({ query: query({ format, set: setId }) })),
  templateUrl: href(client.bank['template.xlsx'].$path()),

  listUsers: () => call(client.users.$get()),
  createUser: (body: NewUser) => call(client.users.$post({ json: body })),
  updateUser: (id: string, body: UserPatch) => call(client.users[':id'].$patch({ param: { id: enc(id) }, json: body })),
};
