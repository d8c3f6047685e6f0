import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { Question } from '../../../shared/bank/question';
import { DownloadLink } from '../components/download-link';
import { ErrorNotice } from '../components/error-notice';
import { api } from '../lib/api';
import { ta } from '../i18n/admin';
import { difficultyLabel, itemLabel, itemText, ITEMS, topicIds, topicLabel, typeLabel } from './labels';

/** All question sets. */
export function SetList() {
  const [sets, { refetch }] = createResource(api.listSets);
  return (
    <section>
      <div class="admin-head">
        <h1>{ta('sets.title')}</h1>
        <A class="button primary" href="/admin/sets/new">
          {ta('sets.new')}
        </A>
      </div>
      <Show when={sets()?.ok === false && sets()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} onRetry={refetch} />}</Show>
      <Show when={sets()?.ok && sets()}>
        {(r) => {
          const list = () => (r() as { data: { id: string; name: string; description: string; size: number }[] }).data;
          return (
            <Show when={list().length > 0} fallback={<p class="empty">{ta('sets.empty')}</p>}>
              <ul class="set-list">
                <For each={list()}>
                  {(s) => (
                    <li class="admin-card">
                      <A href={`/admin/sets/${s.id}`}>
                        <strong>{s.name}</strong>
                      </A>
                      <span class="muted"> · {ta('sets.size', { n: s.size })}</span>
                      <Show when={s.description}>
                        <p class="muted">{s.description}</p>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          );
        }}
      </Show>
    </section>
  );
}

/** Build a set: name, description, and an ordered pick of bank questions. */
export function SetEditor() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const isNew = () => params.id === 'new';
  const [form, setForm] = createStore<{ name: string; description: string; questions: Question[] }>({ name: '', description: '', questions: [] });
  const [error, setError] = createSignal<{ code: string; message: string } | null>(null);
  const [saved, setSaved] = createSignal(false);
  const [search, setSearch] = createSignal('');

  createResource(
    () => (isNew() ? null : params.id),
    async (id) => {
      const r = await api.getSet(id);
      if (r.ok) setForm({ name: r.data.name, description: r.data.description, questions: r.data.questions.map((q) => q.question) });
      else setError(r.error);
      return r;
    },
  );
  // The picker narrows like the bank list does: text, topic, type, difficulty and health-literacy item.
  const [pick, setPick] = createStore<{ topic: string; type: string; difficulty: string; item: string }>({ topic: '', type: '', difficulty: '', item: '' });
  const [candidates] = createResource(
    () => ({ q: search(), ...pick }),
    (f) =>
      api.searchBank({
        q: f.q || undefined,
        topic: f.topic || undefined,
        type: f.type || undefined,
        difficulty: f.difficulty ? Number(f.difficulty) : undefined,
        item: f.item ? Number(f.item) : undefined,
        status: 'active',
        pageSize: 20,
      }),
  );
  const candidateList = () => {
    const r = candidates();
    return r?.ok ? r.data : null;
  };
  const inSet = (id: string) => form.questions.some((q) => q.id === id);
  const move = (i: number, by: number) => {
    const list = [...form.questions];
    const [item] = list.splice(i, 1);
    list.splice(i + by, 0, item!);
    setForm('questions', list);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setSaved(false);
    const body = { name: form.name, description: form.description, questionIds: form.questions.map((q) => q.id) };
    const r = isNew() ? await api.createSet(body) : await api.updateSet(params.id, body);
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaved(true);
    if (isNew()) navigate(`/admin/sets/${r.data.id}`, { replace: true });
  };
  const remove = async () => {
    if (!confirm(ta('sets.confirmDelete'))) return;
    const r = await api.deleteSet(params.id);
    if (!r.ok) return setError(r.error);
    navigate('/admin/sets');
  };

  return (
    <section>
      <div class="admin-head">
        <h1>{isNew() ? ta('sets.new') : form.name}</h1>
        <A href="/admin/sets">{ta('sets.title')}</A>
      </div>
      <div class="editor">
        <form class="admin-card editor-form" onSubmit={save}>
          <label>
            {ta('sets.name')}
            <input value={form.name} maxlength={100} required onInput={(e) => setForm('name', e.currentTarget.value)} />
          </label>
          <label>
            {ta('sets.description')}
            <textarea rows={2} maxlength={500} value={form.description} onInput={(e) => setForm('description', e.currentTarget.value)} />
          </label>
          <h2>
            {ta('sets.questions')} <span class="muted small">{ta('sets.size', { n: form.questions.length })}</span>
          </h2>
          <ol class="set-items">
            <For each={form.questions}>
              {(q, i) => (
                <li>
                  <span class="grow">{q.stem}</span>
                  <button type="button" class="icon-button" aria-label={ta('sets.up')} disabled={i() === 0} onClick={() => move(i(), -1)}>
                    ↑
                  </button>
                  <button type="button" class="icon-button" aria-label={ta('sets.down')} disabled={i() === form.questions.length - 1} onClick={() => move(i(), 1)}>
                    ↓
                  </button>
                  <button type="button" class="icon-button" aria-label={ta('sets.remove')} onClick={() => setForm('questions', (l) => l.filter((x) => x.id !== q.id))}>
                    ×
                  </button>
                </li>
              )}
            </For>
          </ol>
          <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
          <Show when={saved()}>
            <p class="notice ok" role="status">
              {ta('sets.saved')}
            </p>
          </Show>
          <div class="row">
            <button type="submit" class="button primary">
              {ta('sets.save')}
            </button>
            <Show when={!isNew()}>
              <DownloadLink href={api.exportUrl('xlsx', params.id)}>{ta('sets.exportXlsx')}</DownloadLink>
              <button type="button" class="button danger" onClick={remove}>
                {ta('sets.delete')}
              </button>
            </Show>
          </div>
        </form>
        <aside class="admin-card">
          <h2>{ta('sets.pick')}</h2>
          <input
            type="search"
            aria-label={ta('bank.search')}
            placeholder={ta('bank.search')}
            onInput={(e) => {
              const v = e.currentTarget.value;
              clearTimeout(timer);
              timer = setTimeout(() => setSearch(v.trim()), 300);
            }}
          />
          <div class="filters pick-filters">
            <select aria-label={ta('bank.col.topic')} value={pick.topic} onChange={(e) => setPick('topic', e.currentTarget.value)}>
              <option value="">{ta('bank.allTopics')}</option>
              <For each={topicIds}>{(id) => <option value={id}>{topicLabel(id)}</option>}</For>
            </select>
            <select aria-label={ta('bank.col.type')} value={pick.type} onChange={(e) => setPick('type', e.currentTarget.value)}>
              <option value="">{ta('bank.allTypes')}</option>
              <For each={['single', 'multiple', 'truefalse']}>{(ty) => <option value={ty}>{typeLabel(ty)}</option>}</For>
            </select>
            <select aria-label={ta('bank.col.difficulty')} value={pick.difficulty} onChange={(e) => setPick('difficulty', e.currentTarget.value)}>
              <option value="">{ta('bank.allDifficulties')}</option>
              <For each={[1, 2, 3]}>{(d) => <option value={d}>{difficultyLabel(d)}</option>}</For>
            </select>
            <select aria-label={ta('bank.col.item')} value={pick.item} onChange={(e) => setPick('item', e.currentTarget.value)}>
              <option value="">{ta('bank.allItems')}</option>
              <For each={ITEMS}>
                {(n) => (
                  <option value={n} title={itemText(n)}>
                    {itemLabel(n)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <Show when={candidateList()}>
            {(l) => (
              <p class="muted small" aria-live="polite">
                {ta('sets.matches', { n: l().total, shown: l().items.length })}
              </p>
            )}
          </Show>
          <ul class="pick-list">
            <For each={candidateList()?.items ?? []}>
              {(e) => (
                <li>
                  <span class="grow">
                    {e.question.stem}
                    <span class="muted small">
                      {' '}
                      · {typeLabel(e.question.type)} · {topicLabel(e.question.topic)} · {difficultyLabel(e.question.difficulty)} · {`${e.question.literacy.edition}-${e.question.literacy.item}`}
                    </span>
                  </span>
                  <button type="button" class="button small" disabled={inSet(e.question.id)} onClick={() => setForm('questions', (l) => [...l, e.question])}>
                    {inSet(e.question.id) ? ta('sets.inSet') : ta('sets.add')}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </aside>
      </div>
    </section>
  );
}
