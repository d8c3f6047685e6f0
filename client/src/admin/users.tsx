import { createResource, createSignal, Show } from 'solid-js';
import type { AppError } from '../../../shared/protocol/result';
import { ErrorNotice } from '../components/error-notice';
import { api, type StaffUser } from '../lib/api';
import { AccountForm } from './account-form';
import { ta } from '../i18n/admin';
import { me } from './session';
import { Table } from '../ui/table';

/**
 * Staff accounts: admins manage every account; an organizer the accounts of the level below (organizers and hosts
 * of regions within their own), each listed with its region. Create, edit (name, role, region, password), disable.
 */
export default function Users() {
  const [users, { refetch }] = createResource(api.listUsers);
  const [error, setError] = createSignal<AppError | null>(null);
  const [editing, setEditing] = createSignal<StaffUser | null>(null);
  const list = () => {
    const r = users();
    return r?.ok ? r.data : [];
  };
  const self = () => me()?.user;
  const toggle = async (id: string, disabled: boolean) => {
    const r = await api.updateUser(id, { disabled });
    if (!r.ok) return setError(r.error);
    setError(null);
    void refetch();
  };
  const edit = (u: StaffUser) => {
    setEditing(u);
    document.querySelector('.account-form')?.scrollIntoView({ block: 'start' });
  };
  return (
    <section>
      <h1>{ta('users.title')}</h1>
      <Show when={users()?.ok === false && users()}>{(r) => <ErrorNotice error={(r() as { error: AppError }).error} onRetry={refetch} />}</Show>
      <Table
        class="users-table"
        rows={list()}
        rowClass={(u) => ({ retired: u.disabled })}
        columns={[
          {
            head: ta('users.username'),
            class: 'mono',
            cell: (u) => (
              <>
                {u.username}
                <Show when={u.id === self()?.id}>{ta('users.you')}</Show>
              </>
            ),
          },
          { head: ta('users.displayName'), cell: (u) => u.displayName },
          {
            head: ta('users.role'),
            cell: (u) => (
              <>
                {ta(`role.${u.role}`)}
                <Show when={u.disabled}> · {ta('users.disabled')}</Show>
              </>
            ),
          },
          { head: ta('users.region'), cell: (u) => (u.regionCode ? (u.regionName ?? u.regionCode) : ta('users.regionAll')) },
          {
            head: '',
            cell: (u) => (
              <Show when={u.id !== self()?.id}>
                <div class="row-actions">
                  <button type="button" class="button small" onClick={() => edit(u)}>
                    {ta('users.edit')}
                  </button>
                  <button type="button" class="button small" onClick={() => toggle(u.id, !u.disabled)}>
                    {u.disabled ? ta('users.enable') : ta('users.disable')}
                  </button>
                </div>
              </Show>
            ),
          },
        ]}
      />
      <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
      <Show when={self()}>
        {(user) => (
          <Show when={editing()} keyed fallback={<AccountForm account={null} me={user()} onSaved={() => void refetch()} />}>
            {(account) => (
              <AccountForm
                account={account}
                me={user()}
                onSaved={() => void refetch()}
                onCancel={() => setEditing(null)}
              />
            )}
          </Show>
        )}
      </Show>
    </section>
  );
}
