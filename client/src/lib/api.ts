import type { AppError, Result } from '../../../shared/result';
import type { CampaignSummary } from '../../../shared/public';
import type { Question, QuestionInput } from '../../../shared/question';
import type { BankEntry } from '../../../shared/bank-types';
import type { BoardRow } from '../../../shared/events';
import type { ContestDetail } from '../../../shared/contest-draft';
import type { CampaignDrill } from '../../../shared/tallies';
import { locale } from '../i18n';

let csrfToken = '';

/** Remembers the session's CSRF token, echoed on every state-changing request. */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** Every call to the server goes through here: locale header, JSON, CSRF token, errors as values. */
export async function request<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Result<T>> {
  const { json, ...rest } = init;
  try {
    const res = await fetch(`/api${path}`, {
      ...rest,
      credentials: 'same-origin',
      body: json === undefined ? rest.body : JSON.stringify(json),
      headers: {
        'Accept-Language': locale(),
        ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(rest.method && rest.method !== 'GET' ? { 'X-CSRF-Token': csrfToken } : {}),
        ...rest.headers,
      },
    });
    return (await res.json()) as Result<T>;
  } catch {
    const error: AppError = { code: 'network/failed', message: '' };
    return { ok: false, error };
  }
}

export type Role = 'admin' | 'organizer' | 'host';
export interface Me {
  /** `regionCode`: the region the account works for (null: the whole deployment). */
  user: { id: string; username: string; displayName: string; role: Role; regionCode: string | null };
  csrfToken: string;
}
export type { BankEntry };
export interface BankFilter {
  q?: string;
  topic?: string;
  item?: number;
  difficulty?: number;
  type?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}
export interface SetSummary {
  id: string;
  name: string;
  description: string;
  size: number;
  updatedAt: number;
}
export interface SetDetail {
  id: string;
  name: string;
  description: string;
  questions: { question: Question; revision: number; status: 'active' | 'retired' }[];
}
export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The region the account works for and its name (null: the whole deployment). */
  regionCode: string | null;
  regionName: string | null;
  disabled: boolean;
  createdAt: number;
}
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

const query = (params: object) => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '' && v !== null);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
};

export type { QuizInfo } from '../../../shared/first-data';
import type { QuizInfo } from '../../../shared/first-data';
export interface PlayerQuestion {
  type: 'single' | 'multiple' | 'truefalse';
  stem: string;
  options: string[];
}
export interface AttemptView {
  attemptId: string;
  deadline: number;
  questions: PlayerQuestion[];
}
export interface QuizResult {
  score: number;
  correctCount: number;
  total: number;
  passed: boolean;
  countedScore: number;
  review: { stem: string; options: string[]; chosen: number[]; correct: number[]; isCorrect: boolean; explanation?: string }[] | null;
  /** Attempts still allowed today and in all, after this one. */
  attemptsLeft?: { today: number; total: number };
}
/** Where this device's participant stands (GET /api/quiz/:id/standing). */
export interface Standing {
  attempts: { used: number; usedToday: number; perDay: number; total: number; left: { today: number; total: number } };
  countedScore: number | null;
  county: { code: string; name: string; rank: number; of: number };
  rankInCounty: number | null;
  rankedInCounty: number;
}

export interface CampaignSettings {
  title: string;
  description: string;
  startsAt: number;
  endsAt: number;
  regionCode: string;
  setId?: string;
  mix: { count: number; type?: 'single' | 'multiple' | 'truefalse'; topic?: string; difficulty?: 1 | 2 | 3 }[];
  timeLimitSec: number;
  attemptsPerDay: number;
  attemptsTotal: number;
  counting: 'best' | 'latest';
  passMark: number;
  showExplanations: boolean;
  /** Leave out questions tagged 成人受众. */
  excludeAdult?: boolean;
  /** When answers and explanations are shown; absent on campaigns saved before it existed. */
  reveal?: 'after-attempt' | 'after-end' | 'never';
  minSecondsPerQuestion?: number;
  fields: { name: boolean; phone: boolean; team: boolean };
  targets: Record<string, number>;
}
export interface CampaignRow {
  id: string;
  title: string;
  status: 'draft' | 'published' | 'archived';
  startsAt: number;
  endsAt: number;
  regionCode: string;
}
/** One county row of a campaign's statistics: the same row the live board shows. */
export type CountyStat = BoardRow;
export interface CampaignStats {
  title: string;
  /** The whole campaign: average and pass rate over everyone who submitted. */
  totals: { participants: number; submitters: number; attempts: number; averageScore: number | null; passRate: number | null };
  counties: CountyStat[];
  /** Per township, for counties whose townships are in the region tree (empty otherwise). */
  townships: { code: string; name: string; countyCode: string; countyName: string; participants: number; submitters: number; attempts: number; averageScore: number | null; passRate: number | null }[];
  /** Within the chosen dates (null without a date filter). */
  range: { code: string; name: string; newParticipants: number; activeDays: number; attempts: number; averageScore: number | null }[] | null;
  daily: { day: string; newParticipants: number; activeParticipants: number; attempts: number; scoreSum: number }[];
  hardest: { questionId: string; stem: string; answered: number; correct: number; accuracy: number; edition: string; item: number }[];
  items: { edition: string; item: number; dimension: string; answered: number; correct: number; accuracy: number | null }[];
  dimensions: { dimension: 'knowledge' | 'lifestyle' | 'skills'; answered: number; correct: number; accuracy: number | null }[];
}
export interface RegionRow {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export const api = {
  regions: (parent?: string) => request<RegionRow[]>(`/regions${query({ parent })}`),
  region: (code: string) => request<RegionRow & { children: RegionRow[] }>(`/regions/${encodeURIComponent(code)}`),
  contest: (id: string) => request<ContestDetail>(`/contests/${encodeURIComponent(id)}`),
  listCampaigns: () => request<CampaignRow[]>('/campaigns'),
  getCampaign: (id: string) => request<{ id: string; status: CampaignRow['status']; settings: CampaignSettings; link: string }>(`/campaigns/${encodeURIComponent(id)}`),
  createCampaign: (s: CampaignSettings) => request<{ id: string; warning: { slice: number; available: number } | null }>('/campaigns', { method: 'POST', json: s }),
  updateCampaign: (id: string, s: CampaignSettings) => request<{ id: string; warning: { slice: number; available: number } | null }>(`/campaigns/${encodeURIComponent(id)}`, { method: 'PUT', json: s }),
  campaignAction: (id: string, action: 'publish' | 'unpublish' | 'archive') => request<{ status: string }>(`/campaigns/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
  campaignStats: (id: string, from?: string, to?: string) => request<CampaignStats>(`/campaigns/${encodeURIComponent(id)}/stats${query({ from, to })}`),
  campaignDrill: (id: string, region?: string) => request<CampaignDrill>(`/campaigns/${encodeURIComponent(id)}/drill${query({ region })}`),
  campaignExportUrl: (id: string, from?: string, to?: string) => `/api/campaigns/${encodeURIComponent(id)}/export.xlsx${query({ from, to })}`,

  quizInfo: (id: string) => request<QuizInfo>(`/quiz/${encodeURIComponent(id)}`),
  startAttempt: (id: string, body: { token?: string; countyCode: string; townshipCode?: string; villageCode?: string; guideId?: string; name?: string; phone?: string; recoveryCode?: string; teamName?: string; deviceId?: string }) =>
    request<AttemptView & { token: string; serverTime: number; recoveryCode?: string }>(`/quiz/${encodeURIComponent(id)}/attempts`, { method: 'POST', json: body }),
  resumeAttempt: (id: string, attemptId: string, token: string) =>
    request<({ state: 'open'; attempt: AttemptView } | { state: 'submitted'; result: QuizResult }) & { serverTime: number }>(
      `/quiz/${encodeURIComponent(id)}/attempts/${encodeURIComponent(attemptId)}`,
      { headers: { 'X-Participant-Token': token } },
    ),
  submitAttempt: (id: string, attemptId: string, token: string, answers: (number[] | null)[]) =>
    request<QuizResult>(`/quiz/${encodeURIComponent(id)}/attempts/${encodeURIComponent(attemptId)}/submit`, {
      method: 'POST',
      json: { answers },
      headers: { 'X-Participant-Token': token },
    }),
  standing: (id: string, token: string) => request<Standing>(`/quiz/${encodeURIComponent(id)}/standing`, { headers: { 'X-Participant-Token': token } }),
  openCampaigns: () => request<CampaignSummary[]>('/quiz'),

  login: (username: string, password: string) => request<Me>('/auth/login', { method: 'POST', json: { username, password } }),
  me: () => request<Me>('/auth/me'),
  logout: () => request<null>('/auth/logout', { method: 'POST' }),

  searchBank: (filter: BankFilter) => request<{ items: BankEntry[]; total: number }>(`/bank/questions${query(filter)}`),
  getQuestion: (id: string) => request<BankEntry & { revisions: { revision: number; createdAt: number }[] }>(`/bank/questions/${encodeURIComponent(id)}`),
  createQuestion: (q: Omit<QuestionInput, 'id'> & { id?: string }) => request<{ id: string; revision: number }>('/bank/questions', { method: 'POST', json: q }),
  updateQuestion: (id: string, baseRevision: number, question: Omit<QuestionInput, 'id'>) =>
    request<{ id: string; revision: number }>(`/bank/questions/${encodeURIComponent(id)}`, { method: 'PUT', json: { baseRevision, question } }),
  setQuestionStatus: (id: string, action: 'retire' | 'restore') => request<{ id: string }>(`/bank/questions/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),

  listSets: () => request<SetSummary[]>('/bank/sets'),
  getSet: (id: string) => request<SetDetail>(`/bank/sets/${encodeURIComponent(id)}`),
  createSet: (body: { name: string; description: string; questionIds: string[] }) => request<{ id: string }>('/bank/sets', { method: 'POST', json: body }),
  updateSet: (id: string, body: { name: string; description: string; questionIds: string[] }) => request<{ id: string }>(`/bank/sets/${encodeURIComponent(id)}`, { method: 'PUT', json: body }),
  deleteSet: (id: string) => request<null>(`/bank/sets/${encodeURIComponent(id)}`, { method: 'DELETE' }),

  importBank: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ imported: number; ids: string[]; warnings: ImportProblem[] }>('/bank/import', { method: 'POST', body: form }) as Promise<
      Result<{ imported: number; ids: string[]; warnings: ImportProblem[] }> & { error?: AppError & { problems?: ImportProblem[] } }
    >;
  },
  exportUrl: (format: 'xlsx' | 'csv', setId?: string) => `/api/bank/export${query({ format, set: setId })}`,
  templateUrl: '/api/bank/template.xlsx',

  listUsers: () => request<StaffUser[]>('/users'),
  createUser: (body: { username: string; displayName: string; role: Role; password: string; regionCode?: string | null }) => request<{ id: string }>('/users', { method: 'POST', json: body }),
  updateUser: (id: string, body: Partial<{ displayName: string; role: Role; disabled: boolean; password: string; regionCode: string | null }>) =>
    request<{ id: string }>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: body }),
};
