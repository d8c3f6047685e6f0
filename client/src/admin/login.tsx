import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { ErrorNotice } from '../components/error-notice';
import { api } from '../lib/api';
import { ta } from '../i18n/admin';
import { signedIn } from './session';

export default function Login() {
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string }>();
  const [error, setError] = createSignal<{ code: string; message: string } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    const r = await api.login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
    setBusy(false);
    if (!r.ok) return setError(r.error);
    signedIn(r.data);
    // Back to where the sign-in was asked for: the back office or a host console.
    const next = params.next && /^\/(admin|host)\//.test(params.next) ? params.next : '/admin/bank';
    navigate(next, { replace: true });
  };
  return (
    <form class="admin-card login" onSubmit={submit}>
      <h1>{ta('login.title')}</h1>
      <p class="muted">{ta('login.hint')}</p>
      <label>
        {ta('login.username')}
        <input name="username" autocomplete="username" required maxlength={64} />
      </label>
      <label>
        {ta('login.password')}
        <input name="password" type="password" autocomplete="current-password" required maxlength={200} />
      </label>
      <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
      <button class="button primary" type="submit" disabled={busy()}>
        {ta('login.submit')}
      </button>
    </form>
  );
}
