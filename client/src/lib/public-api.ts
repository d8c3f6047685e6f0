import type { QuizInfo } from '../../../shared/protocol/first-data';
import type { Result } from '../../../shared/protocol/result';
import { queryString, request, type Client, type DataOf, type JsonOf } from './request';

/** What needs no account: open campaigns, a quiz and its attempts, the county board, the region tree. */

const enc = encodeURIComponent;
type Quiz = Client['quiz'][':id'];
type Attempt = Quiz['attempts'][':attemptId'];

export type { QuizInfo };
export type RegionRow = DataOf<Client['regions']['$get']>[number];
export type AttemptView = Pick<DataOf<Quiz['attempts']['$post']>, 'attemptId' | 'deadline' | 'questions'>;
export type PlayerQuestion = AttemptView['questions'][number];
export type QuizResult = DataOf<Attempt['submit']['$post']>;
export type Standing = DataOf<Quiz['standing']['$get']>;

const participant = (token: string) => ({ 'X-Participant-Token': token });

export const publicApi = {
  regions: (parent?: string) => request<Client['regions']['$get']>(`/regions${queryString({ parent })}`),
  region: (code: string) => request<Client['regions'][':code']['$get']>(`/regions/${enc(code)}`),
  openCampaigns: () => request<Client['quiz']['$get']>('/quiz'),
  /** Typed as the first data of the quiz page (`shared/first-data`), which stands in for its first call. */
  quizInfo: (id: string): Promise<Result<QuizInfo>> => request<Quiz['$get']>(`/quiz/${enc(id)}`),
  startAttempt: (id: string, body: JsonOf<Quiz['attempts']['$post']>) => request<Quiz['attempts']['$post']>(`/quiz/${enc(id)}/attempts`, { method: 'POST', json: body }),
  resumeAttempt: (id: string, attemptId: string, token: string) => request<Attempt['$get']>(`/quiz/${enc(id)}/attempts/${enc(attemptId)}`, { headers: participant(token) }),
  submitAttempt: (id: string, attemptId: string, token: string, answers: (number[] | null)[]) =>
    request<Attempt['submit']['$post']>(`/quiz/${enc(id)}/attempts/${enc(attemptId)}/submit`, { method: 'POST', json: { answers }, headers: participant(token) }),
  standing: (id: string, token: string) => request<Quiz['standing']['$get']>(`/quiz/${enc(id)}/standing`, { headers: participant(token) }),
  /** The QR code of a campaign's page (an image address). */
  qrUrl: (id: string) => `/api/quiz/${enc(id)}/qr.svg`,
  /** The big-screen county board of a campaign: its title, public link and counties. */
  board: (id: string) => request<Quiz['board']['$get']>(`/quiz/${enc(id)}/board`),
};
