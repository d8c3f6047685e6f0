import { Hono } from 'hono';
import { z } from 'zod';
import { QUESTION_TYPES, questionIdSchema, questionSchema, TOPIC_IDS, type Question, type QuestionInput } from '../../../shared/bank/question.js';
import { text } from '../../../shared/protocol/text.js';
import { parseInput } from '../../../shared/protocol/validate.js';
import type { Audit } from '../../auth/audit.js';
import {
  checkSetQuestions,
  deleteSet,
  existingIds,
  exportQuestions,
  findByStem,
  getQuestion,
  getSet,
  insertQuestions,
  questionStems,
  listRevisions,
  listSets,
  newQuestionId,
  saveSet,
  searchBank,
  setQuestionStatus,
  updateQuestion,
} from '../../bank/bank.js';
import { writeQuestionSheet, writeTemplate } from '../../bank/bank-io.js';
import { runImport } from '../../sheets/imports.js';
import type { Db } from '../../db/client.js';
import type { Writer } from '../../db/writer.js';
import { download, errorResponse, importFailure, uploadSchema, validate, validateUpload, type AppEnv } from '../http.js';
import { requireRole } from './auth.js';

/** Largest spreadsheet an organizer may upload. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const searchSchema = z.object({
  q: z.string().trim().max(100).optional(),
  topic: z.enum(TOPIC_IDS).optional(),
  item: z.coerce.number().int().min(1).max(66).optional(),
  edition: z.enum(['2015', '2024']).optional(),
  difficulty: z.coerce.number().int().min(1).max(3).optional(),
  type: z.enum(QUESTION_TYPES).optional(),
  status: z.enum(['active', 'retired']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const idParam = z.object({ id: questionIdSchema });
const setIdParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });
const setSchema = z.object({
  name: text(1, 100),
  description: text(0, 500).default(''),
  questionIds: z.array(questionIdSchema).max(2000).refine((ids) => new Set(ids).size === ids.length, 'duplicate question in set'),
});
/** A question an organizer writes: as the bank stores it, its id optional (a new one is given). */
type NewQuestion = Omit<QuestionInput, 'id'> & { id?: string };
// `z.preprocess` declares its input `unknown`: the cast names what the pages send, so the typed client checks it.
const newQuestionSchema = z.preprocess(
  (raw) => (raw && typeof raw === 'object' && !Array.isArray(raw) && !(raw as { id?: unknown }).id ? { ...raw, id: newQuestionId() } : raw),
  questionSchema,
) as unknown as z.ZodType<Question, NewQuestion>;
const exportSchema = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  set: setIdParam.shape.id.optional(),
  status: z.enum(['active', 'retired']).optional(),
});

/**
 * The question bank for organizers (and admins): search, create, edit as new revisions, retire and
 * restore, question sets, spreadsheet import / export and the import template.
 */
export function bankRoutes(db: Db, now: () => number, audit: Audit, writer?: Writer) {
  const staff = requireRole(db, now, 'admin', 'organizer');
  return new Hono<AppEnv>()
    .use('*', staff)
    .get('/questions', validate('query', searchSchema), async (c) => c.json({ ok: true as const, data: await searchBank(db, c.req.valid('query')) }))
    .get('/questions/:id', validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const entry = await getQuestion(db, id);
      if (!entry) return errorResponse(c, 404, 'question/not-found', { id });
      return c.json({ ok: true as const, data: { ...entry, revisions: await listRevisions(db, id) } });
    })
    .post('/questions', validate('json', newQuestionSchema), async (c) => {
      const q = c.req.valid('json');
      if ((await existingIds(db, [q.id])).length) return errorResponse(c, 409, 'question/id-taken', { id: q.id });
      const same = await findByStem(db, q.stem);
      if (same) return errorResponse(c, 409, 'question/stem-exists', { id: same }, { issues: [{ path: 'stem', message: '' }] });
      await insertQuestions(db, [q], 'organizer', now());
      await audit(c.get('user').id, 'question:create', q.id, { revision: 1 });
      return c.json({ ok: true as const, data: { id: q.id, revision: 1 } }, 201);
    })
    .put('/questions/:id', validate('param', idParam), validate('json', z.object({ baseRevision: z.number().int().min(1), question: z.custom<Omit<NewQuestion, 'id'>>() })), async (c) => {
      const { id } = c.req.valid('param');
      const { baseRevision, question } = c.req.valid('json');
      const parsed = parseInput(questionSchema, { ...(question as object), id }, c.get('locale'));
      if (!parsed.ok) return c.json(parsed, 400);
      if (!(await getQuestion(db, id))) return errorResponse(c, 404, 'question/not-found', { id });
      const same = await findByStem(db, parsed.data.stem);
      if (same && same !== id) return errorResponse(c, 409, 'question/stem-exists', { id: same });
      const result = await updateQuestion(db, parsed.data, baseRevision, now());
      if (!result.ok) return errorResponse(c, 409, 'question/revision-conflict', { revision: result.current });
      await audit(c.get('user').id, 'question:update', id, { revision: result.revision });
      return c.json({ ok: true as const, data: { id, revision: result.revision } });
    })
    .post('/questions/:id/retire', validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await setQuestionStatus(db, id, 'retired', now()))) return errorResponse(c, 404, 'question/not-found', { id });
      await audit(c.get('user').id, 'question:retire', id);
      return c.json({ ok: true as const, data: { id, status: 'retired' as const } });
    })
    .post('/questions/:id/restore', validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await setQuestionStatus(db, id, 'active', now()))) return errorResponse(c, 404, 'question/not-found', { id });
      await audit(c.get('user').id, 'question:restore', id);
      return c.json({ ok: true as const, data: { id, status: 'active' as const } });
    })
    .get('/sets', async (c) => c.json({ ok: true as const, data: await listSets(db) }))
    .post('/sets', validate('json', setSchema), async (c) => {
      const body = c.req.valid('json');
      const problem = await setProblem(db, body.questionIds);
      if (problem) return errorResponse(c, 400, problem.code, { ids: problem.ids.join(', ') });
      const id = newQuestionId('set').replace('-', '_');
      await saveSet(db, { id, ...body }, c.get('user').id, now(), true);
      await audit(c.get('user').id, 'set:create', id, { size: body.questionIds.length });
      return c.json({ ok: true as const, data: { id } }, 201);
    })
    .get('/sets/:id', validate('param', setIdParam), async (c) => {
      const set = await getSet(db, c.req.valid('param').id);
      if (!set) return errorResponse(c, 404, 'set/not-found');
      return c.json({ ok: true as const, data: set });
    })
    .put('/sets/:id', validate('param', setIdParam), validate('json', setSchema), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const existing = await getSet(db, id);
      if (!existing) return errorResponse(c, 404, 'set/not-found');
      const current = new Set(existing.questions.map((q) => q.question.id));
      // Questions already in the set may have been retired since; only newly added ones must be active.
      const problem = await setProblem(db, body.questionIds, current);
      if (problem) return errorResponse(c, 400, problem.code, { ids: problem.ids.join(', ') });
      await saveSet(db, { id, ...body }, c.get('user').id, now(), false);
      await audit(c.get('user').id, 'set:update', id, { size: body.questionIds.length });
      return c.json({ ok: true as const, data: { id } });
    })
    .delete('/sets/:id', validate('param', setIdParam), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await deleteSet(db, id))) return errorResponse(c, 404, 'set/not-found');
      await audit(c.get('user').id, 'set:delete', id);
      return c.json({ ok: true as const, data: null });
    })
    .get('/template.xlsx', async (c) => {
      return download(c, '题库导入模板.xlsx', await writeTemplate());
    })
    .get('/export', validate('query', exportSchema), async (c) => {
      const { format, set, status } = c.req.valid('query');
      if (set && !(await getSet(db, set))) return errorResponse(c, 404, 'set/not-found');
      const list = await exportQuestions(db, { setId: set, status });
      return download(c, `${set ? `题目集-${set}` : '题库'}.${format}`, await writeQuestionSheet(list, format, c.get('locale')));
    })
    .post('/import', validateUpload(uploadSchema), async (c) => {
      const locale = c.get('locale');
      const { file } = c.req.valid('form');
      const data = new Uint8Array(await file.arrayBuffer());
      const questionsNow = await questionStems(db);
      const result = await runImport({ kind: 'questions', file: { name: file.name, data }, locale, options: { existingStems: questionsNow.map((q) => q.stem), existingIds: questionsNow.map((q) => q.id) } });
      if ('failure' in result) return importFailure(c, result.failure);
      if (!result.ok) return c.json({ ok: false as const, error: { code: 'import/rejected', message: importMessage(locale), problems: result.problems } }, 422);
      await insertQuestions(db, result.questions, 'import', now(), writer);
      await audit(c.get('user').id, 'bank:import', file.name, { count: result.questions.length });
      return c.json({ ok: true as const, data: { imported: result.questions.length, ids: result.questions.map((q: Question) => q.id), warnings: result.warnings } });
    });
}

function importMessage(locale: 'zh-CN' | 'en'): string {
  return locale === 'en' ? 'Nothing was imported: the file has the problems listed below' : '文件存在以下问题，未导入任何题目';
}

async function setProblem(db: Db, ids: string[], allowedRetired = new Set<string>()): Promise<{ code: 'set/unknown-questions' | 'set/retired-questions'; ids: string[] } | null> {
  const { missing, retired } = await checkSetQuestions(db, ids);
  if (missing.length) return { code: 'set/unknown-questions', ids: missing };
  const newlyRetired = retired.filter((id) => !allowedRetired.has(id));
  if (newlyRetired.length) return { code: 'set/retired-questions', ids: newlyRetired };
  return null;
}
