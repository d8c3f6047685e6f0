import type { Question } from './question.js';

/** A bank question as the organizer pages list it: the current revision and its status. */
export interface BankEntry {
  question: Question;
  revision: number;
  status: 'active' | 'retired';
  origin: string;
  updatedAt: number;
}
