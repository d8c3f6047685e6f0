import { A, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { ErrorNotice } from '../components/error-notice';
import { api, type BankFilter } from '../lib/api';
import { ta } from '../i18n/admin';
import { difficultyLabel, itemLabel, itemText, ITEMS, topicIds, topicLabel, typeLabel } from './labels';
import { Table } from '../ui/table';

const PAGE_SIZE = 25;

/** Browse and search the bank; filters live in the address so a reload or a shared link keeps them. */
export default function BankList() {
  const [params, setParams] = useSearchParams<Record<keyof BankFilter, string>>();
  const filter = (): BankFilter => ({
    q: params.q || undefined,
    topic: params.topic || undefined,
    item: params.item ? Number(params.item) : undefined,
    difficulty: params.difficulty ? Number(params.difficulty) : undefined,
    type: params.type || undefined,
    status: params.status || undefined,
    page: params.page ? Number(params.page) : 1,
    pageSize: PAGE_SIZE,
  });
  const [result, { refetch }] = createResource(filter, api.searchBank);
  const data = () => {
    const r = result();
    return r?.ok ? r.data : null;
  };
  const pages = () => Math.max(1, Math.ceil((data()?.total ?? 0) / PAGE_SIZE));
  const set = (key: keyof BankFilter, value: string) => setParams({ [key]: value || undefined, page: undefined });
  let searchTimer: ReturnType<typeof setTimeout> | undefined;

  return (
    <section>
      <div class="admin-head">
        <h1>{ta('nav.bank')}</h1>
        <A class="button primary" href="/admin/bank/new">
          {ta('bank.new')}
        </A>
      </div>
      <div class="filters" role="search">
        <input
          type="search"
          aria-label={ta('bank.search')}
          placeholder={ta('bank.search')}
          value={params.q ?? ''}
          onInput={(e) => {
            const value = e.currentTarget.value;
            clearTimeout(searchTimer);
            searchTimer = setTimeout(() => set('q', value.trim()), 300);
          }}
        />
        <select aria-label={ta('bank.col.topic')} value={params.topic ?? ''} onChange={(e) => set('topic', e.currentTarget.value)}>
          <option value="">{ta('bank.allTopics')}</option>
          <For each={topicIds}>{(id) => <option value={id}>{topicLabel(id)}</option>}</For>
        </select>
        <select aria-label={ta('bank.col.item')} value={params.item ?? ''} onChange={(e) => set('item', e.currentTarget.value)}>
          <option value="">{ta('bank.allItems')}</option>
          <For each={ITEMS}>
            {(n) => (
              <option value={n} title={itemText(n)}>
                {itemLabel(n)}
              </option>
            )}
          </For>
        </select>
        <select aria-label={ta('bank.col.type')} value={params.type ?? ''} onChange={(e) => set('type', e.currentTarget.value)}>
          <option value="">{ta('bank.allTypes')}</option>
          <For each={['single', 'multiple', 'truefalse', 'shortanswer']}>{(ty) => <option value={ty}>{typeLabel(ty)}</option>}</For>
        </select>
        <select aria-label={ta('bank.col.difficulty')} value={params.difficulty ?? ''} onChange={(e) => set('difficulty', e.currentTarget.value)}>
          <option value="">{ta('bank.allDifficulties')}</option>
          <For each={[1, 2, 3]}>{(d) => <option value={d}>{difficultyLabel(d)}</option>}</For>
        </select>
        <select aria-label={ta('bank.col.status')} value={params.status ?? ''} onChange={(e) => set('status', e.currentTarget.value)}>
          <option value="">{ta('bank.allStatus')}</option>
          <option value="active">{ta('bank.status.active')}</option>
          <option value="retired">{ta('bank.status.retired')}</option>
        </select>
      </div>
      <Show when={result()?.ok === false && result()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} onRetry={refetch} />}</Show>
      <Show when={data()}>
        {(d) => (
          <>
            <p class="muted" aria-live="polite">
              {ta('bank.total', { n: d().total })}
            </p>
            <Show when={d().items.length > 0} fallback={<p class="empty">{ta('bank.empty')}</p>}>
              <Table
                class="bank-table"
                rows={d().items}
                rowClass={(e) => ({ retired: e.status === 'retired' })}
                columns={[
                  { head: ta('bank.col.id'), class: 'mono', cell: (e) => e.question.id },
                  { head: ta('bank.col.stem'), class: 'stem-cell', cell: (e) => <A href={`/admin/bank/${e.question.id}`}>{e.question.stem}</A> },
                  { head: ta('bank.col.type'), cell: (e) => typeLabel(e.question.type) },
                  { head: ta('bank.col.topic'), class: 'topic-cell', cell: (e) => topicLabel(e.question.topic) },
                  {
                    head: ta('bank.col.item'),
                    title: (e) => (e.question.literacy.edition === '2024' ? itemText(e.question.literacy.item) : undefined),
                    cell: (e) => `${e.question.literacy.edition} · ${e.question.literacy.item}`,
                  },
                  { head: ta('bank.col.difficulty'), cell: (e) => difficultyLabel(e.question.difficulty) },
                  { head: ta('bank.col.status'), cell: (e) => ta(`bank.status.${e.status}`) },
                ]}
              />
            </Show>
            <div class="pager">
              <button type="button" class="button" disabled={(filter().page ?? 1) <= 1} onClick={() => setParams({ page: String((filter().page ?? 1) - 1) })}>
                {ta('bank.prev')}
              </button>
              <span>{ta('bank.page', { page: filter().page ?? 1, pages: pages() })}</span>
              <button type="button" class="button" disabled={(filter().page ?? 1) >= pages()} onClick={() => setParams({ page: String((filter().page ?? 1) + 1) })}>
                {ta('bank.next')}
              </button>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
