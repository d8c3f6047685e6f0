/**
 * The thread spreadsheet imports are read on (`imports.ts` starts one per import): reading and checking a
 * 10 MB sheet takes seconds of CPU that must not stall the event loop serving quizzes and contests, and a file
 * built to exhaust memory hits this thread's heap limit instead of the server's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseQuestionSheet } from '../bank/bank-io.js';
import { parseTeamSheet } from '../contest/team-import.js';
import type { ImportJob } from './imports.js';

const job = workerData as ImportJob;
const result = job.kind === 'questions' ? await parseQuestionSheet(job.file, job.locale, job.options) : await parseTeamSheet(job.file, new Map(job.counties), job.locale);
parentPort!.postMessage(result);
