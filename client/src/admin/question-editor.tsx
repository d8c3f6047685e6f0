import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import type { Question, QuestionInput } from '../../../shared/bank/question';
import { ErrorNotice } from '../components/error-notice';
import { QuestionCard } from '../components/question-card';
import { api } from '../lib/api';
import { locale } from '../i18n';
import { ta } from '../i18n/admin';
import { issueAt } from '../ui/field-issues';
import { difficultyLabel, itemLabel, itemText, ITEMS, topicIds, topicLabel, typeLabel } from './labels';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

interface Draft {
  type: 'single' | 'multiple' | 'truefalse' | 'shortanswer';
  stem: string;
  options: string[];
  correct: number[];
  tfAnswer: boolean;
  /** 简答: the reference answer the host judges by. */
  reference: string;
  explanation: string;
  topic: string;
  difficulty: 1 | 2 | 3;
  edition: '2015' | '2024';
  item: number;
  tags: string;
  source: string;
}

const emptyDraft = (): Draft => ({
  type: 'single',
  stem: '',
  options: ['', '', '', ''],
  correct: [],
  tfAnswer: true,
  reference: '',
  explanation: '',
  topic: 'concepts',
  difficulty: 1,
  edition: '2024',
  item: 1,
  tags: '',
  source: '',
});

function fromQuestion(q: Question): Draft {
  return {
    ...emptyDraft(),
    type: q.type,
    stem: q.stem,
    options: q.type === 'single' || q.type === 'multiple' ? [...q.options] : ['', '', '', ''],
    correct: q.type === 'single' || q.type === 'multiple' ? [...q.answer].map((l) => LETTERS.indexOf(l)) : [],
    tfAnswer: q.type === 'truefalse' ? q.answer : true,
    reference: q.type === 'shortanswer' ? q.answer : '',
    explanation: q.explanation,
    topic: q.topic,
    difficulty: q.difficulty,
    edition: q.literacy.edition,
    item: q.literacy.item,
    tags: q.tags.join('，'),
    source: q.source ?? '',
  };
}

function toInput(d: Draft): Omit<QuestionInput, 'id'> {
  const common = {
    stem: d.stem,
    explanation: d.explanation,
    topic: d.topic as QuestionInput['topic'],
    difficulty: d.difficulty,
    literacy: { edition: d.edition, item: d.item },
    tags: d.tags.split(/[,，、]/).map((s) => s.trim()).filter(Boolean),
    ...(d.source.trim() ? { source: d.source } : {}),
  };
  if (d.type === 'truefalse') return { ...common, type: 'truefalse', answer: d.tfAnswer };
  if (d.type === 'shortanswer') return { ...common, type: 'shortanswer', answer: d.reference };
  const answer = [...d.correct].sort((a, b) => a - b).map((i) => LETTERS[i]).join('');
  return { ...common, type: d.type, options: d.options, answer } as Omit<QuestionInput, 'id'>;
}

/** Create or edit a question, with a live preview as the phone and the big screen will show it. */
export default function QuestionEditor() {
  const params = useParams<{ id?: string }>();
  const navigate = useNavigate();
  const isNew = () => !params.id || params.id === 'new';
  const [draft, setDraft] = createStore<Draft>(emptyDraft());
  const [revision, setRevision] = createSignal(0);
  const [status, setStatus] = createSignal<'active' | 'retired'>('active');
  const [error, setError] = createSignal<{ code: string; message: string; issues?: { path: string; message: string }[] } | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [reveal, setReveal] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const [loaded, { refetch }] = createResource(
    () => (isNew() ? null : params.id!),
    async (id) => {
      const r = await api.getQuestion(id);
      if (r.ok) {
        setDraft(fromQuestion(r.data.question));
        setRevision(r.data.revision);
        setStatus(r.data.status);
      }
      return r;
    },
  );

  const fieldError = (path: string) => issueAt(error(), path);
  const previewOptions = () =>
    draft.type === 'shortanswer' ? [] : draft.type === 'truefalse' ? [ta('editor.answerTrue'), ta('editor.answerFalse')] : draft.options.map((o, i) => o || `（${LETTERS[i]}）`);
  const previewCorrect = () => (reveal() ? (draft.type === 'truefalse' ? [draft.tfAnswer ? 0 : 1] : draft.correct) : undefined);

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setSaved(null);
    const input = toInput(draft);
    const r = isNew() ? await api.createQuestion(input) : await api.updateQuestion(params.id!, revision(), input);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setRevision(r.data.revision);
    setSaved(ta('editor.saved', { n: r.data.revision }));
    if (isNew()) navigate(`/admin/bank/${r.data.id}`, { replace: true });
    else void refetch();
  };

  const toggleStatus = async () => {
    const r = await api.setQuestionStatus(params.id!, status() === 'active' ? 'retire' : 'restore');
    if (!r.ok) return setError(r.error);
    setStatus(status() === 'active' ? 'retired' : 'active');
  };

  return (
    <section>
      <div class="admin-head">
        <h1>
          {isNew() ? ta('editor.newTitle') : ta('editor.editTitle')}
          <Show when={!isNew()}>
            <span class="muted small">
              {' '}
              {params.id} · {ta('bank.revision', { n: revision() })} · {ta(`bank.status.${status()}`)}
            </span>
          </Show>
        </h1>
        <A href="/admin/bank">{ta('editor.back')}</A>
      </div>
      <Show when={loaded()?.ok === false && loaded()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} />}</Show>
      <div class="editor">
        <form class="admin-card editor-form" onSubmit={save} novalidate>
          <fieldset class="row">
            <legend>{ta('editor.type')}</legend>
            <For each={['single', 'multiple', 'truefalse', 'shortanswer'] as const}>
              {(ty) => (
                <label class="chip">
                  <input type="radio" name="type" checked={draft.type === ty} onChange={() => setDraft({ type: ty, correct: ty === 'single' ? draft.correct.slice(0, 1) : draft.correct })} />
                  {typeLabel(ty)}
                </label>
              )}
            </For>
          </fieldset>
          <label>
            {ta('editor.stem')}
            <textarea rows={3} maxlength={500} value={draft.stem} aria-invalid={Boolean(fieldError('stem'))} onInput={(e) => setDraft('stem', e.currentTarget.value)} />
            <Show when={fieldError('stem')}>{(m) => <span class="field-error">{m()}</span>}</Show>
          </label>
          <Switch>
            <Match when={draft.type === 'shortanswer'}>
              <label>
                {ta('editor.reference')}
                <textarea rows={3} maxlength={500} value={draft.reference} aria-invalid={Boolean(fieldError('answer'))} onInput={(e) => setDraft('reference', e.currentTarget.value)} />
                <small>{ta('editor.referenceHint')}</small>
                <Show when={fieldError('answer')}>{(m) => <span class="field-error">{m()}</span>}</Show>
              </label>
            </Match>
            <Match when={draft.type !== 'truefalse'}>
              <fieldset>
                <legend>{ta('editor.options')}</legend>
                <For each={draft.options}>
                  {(option, i) => (
                    <div class="option-row">
                      <label class="correct-toggle" title={ta('editor.correct')}>
                        <input
                          type={draft.type === 'single' ? 'radio' : 'checkbox'}
                          name="correct"
                          aria-label={`${ta('editor.correct')} ${LETTERS[i()]}`}
                          checked={draft.correct.includes(i())}
                          onChange={(e) =>
                            setDraft('correct', (c) => (draft.type === 'single' ? [i()] : e.currentTarget.checked ? [...c, i()] : c.filter((x) => x !== i())))
                          }
                        />
                        {LETTERS[i()]}
                      </label>
                      <input
                        aria-label={ta('editor.option', { letter: LETTERS[i()]! })}
                        value={option}
                        maxlength={200}
                        aria-invalid={Boolean(fieldError(`options.${i()}`))}
                        onInput={(e) => setDraft('options', i(), e.currentTarget.value)}
                      />
                      <button
                        type="button"
                        class="icon-button"
                        aria-label={ta('editor.removeOption', { letter: LETTERS[i()]! })}
                        disabled={draft.options.length <= 2}
                        onClick={() =>
                          setDraft(
                            produce((d) => {
                              d.options.splice(i(), 1);
                              d.correct = d.correct.filter((x) => x !== i()).map((x) => (x > i() ? x - 1 : x));
                            }),
                          )
                        }
                      >
                        ×
                      </button>
                    </div>
                  )}
                </For>
                <Show when={fieldError('options')}>{(m) => <span class="field-error">{m()}</span>}</Show>
                <Show when={fieldError('answer')}>{(m) => <span class="field-error">{m()}</span>}</Show>
                <Show when={draft.options.length < 6}>
                  <button type="button" class="button" onClick={() => setDraft('options', (o) => [...o, ''])}>
                    {ta('editor.addOption')}
                  </button>
                </Show>
              </fieldset>
            </Match>
            <Match when={draft.type === 'truefalse'}>
              <fieldset class="row">
                <legend>{ta('editor.correct')}</legend>
                <label class="chip">
                  <input type="radio" name="tf" checked={draft.tfAnswer} onChange={() => setDraft('tfAnswer', true)} />
                  {ta('editor.answerTrue')}
                </label>
                <label class="chip">
                  <input type="radio" name="tf" checked={!draft.tfAnswer} onChange={() => setDraft('tfAnswer', false)} />
                  {ta('editor.answerFalse')}
                </label>
              </fieldset>
            </Match>
          </Switch>
          <label>
            {ta('editor.explanation')}
            <textarea rows={4} maxlength={1000} value={draft.explanation} aria-invalid={Boolean(fieldError('explanation'))} onInput={(e) => setDraft('explanation', e.currentTarget.value)} />
            <Show when={fieldError('explanation')}>{(m) => <span class="field-error">{m()}</span>}</Show>
          </label>
          <div class="grid-2">
            <label>
              {ta('editor.topic')}
              <select value={draft.topic} onChange={(e) => setDraft('topic', e.currentTarget.value)}>
                <For each={topicIds}>{(id) => <option value={id}>{topicLabel(id)}</option>}</For>
              </select>
            </label>
            <label>
              {ta('editor.difficulty')}
              <select value={draft.difficulty} onChange={(e) => setDraft('difficulty', Number(e.currentTarget.value) as 1 | 2 | 3)}>
                <For each={[1, 2, 3]}>{(d) => <option value={d}>{difficultyLabel(d)}</option>}</For>
              </select>
            </label>
            <label>
              {ta('editor.edition')}
              <select value={draft.edition} onChange={(e) => setDraft('edition', e.currentTarget.value as '2015' | '2024')}>
                <option value="2024">2024</option>
                <option value="2015">2015</option>
              </select>
            </label>
            <label>
              {ta('editor.item')}
              <select value={draft.item} onChange={(e) => setDraft('item', Number(e.currentTarget.value))}>
                <For each={ITEMS}>{(n) => <option value={n} title={draft.edition === '2024' ? itemText(n) : undefined}>{draft.edition === '2024' ? itemLabel(n) : n}</option>}</For>
              </select>
            </label>
            <label>
              {ta('editor.tags')}
              <input value={draft.tags} maxlength={200} onInput={(e) => setDraft('tags', e.currentTarget.value)} />
            </label>
            <label>
              {ta('editor.source')}
              <input value={draft.source} maxlength={200} onInput={(e) => setDraft('source', e.currentTarget.value)} />
            </label>
          </div>
          <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
          <Show when={saved()}>
            {(m) => (
              <p class="notice ok" role="status">
                {m()}
              </p>
            )}
          </Show>
          <div class="row">
            <button type="submit" class="button primary" disabled={busy()}>
              {ta('editor.save')}
            </button>
            <Show when={!isNew()}>
              <button type="button" class="button" onClick={toggleStatus}>
                {status() === 'active' ? ta('editor.retire') : ta('editor.restore')}
              </button>
            </Show>
          </div>
        </form>
        <aside class="preview" aria-label={ta('editor.preview')}>
          <div class="row">
            <h2>{ta('editor.preview')}</h2>
            <label class="chip">
              <input type="checkbox" checked={reveal()} onChange={(e) => setReveal(e.currentTarget.checked)} />
              {ta('editor.showAnswer')}
            </label>
          </div>
          <h3>{ta('editor.previewPhone')}</h3>
          <div class="phone-frame">
            <QuestionCard variant="phone" stem={draft.stem || '…'} options={previewOptions()} typeLabel={typeLabel(draft.type)} correct={previewCorrect()} explanation={draft.explanation} />
          </div>
          <h3>{ta('editor.previewScreen')}</h3>
          <div class="screen-frame">
            <div class="screen-scale">
              <QuestionCard variant="screen" stem={draft.stem || '…'} options={previewOptions()} typeLabel={typeLabel(draft.type)} correct={previewCorrect()} explanation={draft.explanation} />
            </div>
          </div>
          <Show when={loaded()?.ok && loaded()}>
            {(r) => (
              <>
                <h3>{ta('editor.history')}</h3>
                <ol class="history">
                  <For each={(r() as { data: { revisions: { revision: number; createdAt: number }[] } }).data.revisions}>
                    {(rev) => (
                      <li>
                        {ta('bank.revision', { n: rev.revision })} · {new Date(rev.createdAt).toLocaleString(locale())}
                      </li>
                    )}
                  </For>
                </ol>
              </>
            )}
          </Show>
        </aside>
      </div>
    </section>
  );
}
