import { createResource, createSignal, For, Show } from 'solid-js';
import { ErrorNotice } from '../components/error-notice';
import { api, type Role } from '../lib/api';
import { ta } from './i18n';

/** Admins create organizer, host and admin accounts and disable them. */
export default function Users() {
  const [users, { refetch }] = createResource(api.listUsers);
  const [error, setError] = createSignal<{ code: string; message: string } | null>(null);
  const [created, setCreated] = createSignal(false);
  const list = () => {
    const r = users();
    return r?.ok ? r.data : [];
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const r = await api.createUser({
      username: String(form.get('username')),
      displayName: String(form.get('displayName')),
      role: String(form.get('role')) as Role,
      password: String(form.get('password')),
    });
    if (!r.ok) return setError(r.error);
    setError(null);
    setCreated(true);
    formEl.reset();
    void refetch();
  };
  const toggle = async (id: string, disabled: boolean) => {
    const r = await api.updateUser(id, { disabled });
    if (!r.ok) return setError(r.error);
    void refetch();
  };
  return (
    <section>
      <h1>{ta('users.title')}</h1>
      <table class="admin-table">
        <thead>
          <tr>
            <th>{ta('users.username')}</th>
            <th>{ta('users.displayName')}</th>
            <th>{ta('users.role')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={list()}>
            {(u) => (
              <tr classList={{ retired: u.disabled }}>
                <td class="mono">{u.username}</td>
                <td>{u.displayName}</td>
                <td>
                  {ta(`role.${u.role}`)}
                  <Show when={u.disabled}> · {ta('users.disabled')}</Show>
                </td>
                <td>
                  <button type="button" class="button small" onClick={() => toggle(u.id, !u.disabled)}>
                    {u.disabled ? ta('users.enable') : ta('users.disable')}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <form class="admin-card editor-form" onSubmit={submit}>
        <h2>{ta('users.create')}</h2>
        <div class="grid-2">
          <label>
            {ta('users.username')}
            <input name="username" required pattern="[A-Za-z0-9_.\-]{3,32}" autocomplete="off" />
          </label>
          <label>
            {ta('users.displayName')}
            <input name="displayName" required maxlength={50} />
          </label>
          <label>
            {ta('users.role')}
            <select name="role">
              <option value="organizer">{ta('role.organizer')}</option>
              <option value="host">{ta('role.host')}</option>
              <option value="admin">{ta('role.admin')}</option>
            </select>
          </label>
          <label>
            {ta('users.password')}
            <input name="password" type="password" required minlength={10} autocomplete="new-password" />
          </label>
        </div>
        <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
        <Show when={created()}>
          <p class="notice ok" role="status">
            {ta('users.created')}
          </p>
        </Show>
        <button type="submit" class="button primary">
          {ta('users.create')}
        </button>
      </form>
    </section>
  );
}
