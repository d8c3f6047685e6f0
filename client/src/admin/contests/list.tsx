import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { AppError } from '../../../../shared/protocol/result';
import { ErrorNotice } from '../../components/error-notice';
import { locale } from '../../i18n';
import { tc } from '../../i18n/contests';
import { contestsApi } from '../../lib/contests-api';
import { Table } from '../../ui/table';
import './contests.css';

const fmtTime = (ms: number) => new Date(ms).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
const enc = encodeURIComponent;

/** Every live contest, newest first, with its PIN and a way into its setup and host console. */
export function ContestList() {
  const [list, { refetch }] = createResource(contestsApi.list);
  const rows = () => {
    const r = list();
    return r?.ok ? r.data : [];
  };
  return (
    <section class="cf-page">
      <div class="admin-head">
        <h1>{tc('list.title')}</h1>
        <A class="button primary" href="/admin/contests/new">
          {tc('list.new')}
        </A>
      </div>
      <Show when={list()?.ok === false && list()}>{(r) => <ErrorNotice error={(r() as { error: AppError }).error} onRetry={refetch} />}</Show>
      <Show when={list()?.ok}>
        <Show when={rows().length > 0} fallback={<p class="empty">{tc('list.empty')}</p>}>
          <Table
            class="cf-list"
            rows={rows()}
            columns={[
              {
                head: tc('list.col.title'),
                cell: (c) => (
                  <>
                    <A href={`/admin/contests/${enc(c.id)}`}>{c.title}</A>
                    <Show when={c.rehearsal}>
                      <span class="cf-badge rehearsal">{tc('rehearsal.badge')}</span>
                    </Show>
                  </>
                ),
              },
              { head: tc('list.col.pin'), class: 'cf-list-pin', cell: (c) => c.pin },
              { head: tc('list.col.status'), cell: (c) => <span class={`cf-badge ${c.status}`}>{tc(`status.${c.status}`)}</span> },
              { head: tc('list.col.created'), cell: (c) => fmtTime(c.createdAt) },
              {
                head: tc('list.col.actions'),
                cell: (c) => (
                  <span class="cf-list-actions">
                    <A href={`/admin/contests/${enc(c.id)}`}>{tc('list.edit')}</A>
                    <a href={`/host/${enc(c.id)}`} target="_blank" rel="noopener">
                      {tc('list.host')}
                    </a>
                  </span>
                ),
              },
            ]}
          />
        </Show>
      </Show>
    </section>
  );
}
