import { A, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, Match, Show, Switch, type ParentProps } from 'solid-js';
import { locale, setLocale, t } from '../i18n';
import { ta } from '../i18n/admin';
import { me, signOut } from './session';
import '../components/question-card.css';
import './admin.css';

/** The organizer back office frame: navigation by role, sign-out, and a redirect to login. */
export default function AdminLayout(props: ParentProps) {
  const navigate = useNavigate();
  const location = useLocation();
  createEffect(() => {
    if (me.state === 'ready' && !me() && location.pathname !== '/admin/login') navigate(`/admin/login?next=${encodeURIComponent(location.pathname)}`, { replace: true });
  });
  return (
    <div class="admin">
      <header class="admin-top">
        <A href="/admin" class="admin-brand">
          {t('app.title')} · {ta('nav.title')}
        </A>
        <div class="admin-top-actions">
          <Show when={me()}>
            {(m) => (
              <span class="admin-user">
                {m().user.displayName}（{ta(`role.${m().user.role}`)}）
              </span>
            )}
          </Show>
          <button type="button" class="admin-link" aria-label={t('lang.switchLabel')} onClick={() => setLocale(locale() === 'zh-CN' ? 'en' : 'zh-CN')}>
            {t('lang.switch')}
          </button>
          <Show when={me()}>
            <button
              type="button"
              class="admin-link"
              onClick={async () => {
                await signOut();
                navigate('/admin/login');
              }}
            >
              {ta('nav.logout')}
            </button>
          </Show>
        </div>
      </header>
      <Switch>
        <Match when={location.pathname === '/admin/login'}>
          <main class="admin-main">{props.children}</main>
        </Match>
        <Match when={me()}>
          {(m) => (
            <div class="admin-body">
              <nav class="admin-nav" aria-label={ta('nav.title')}>
                <A href="/admin/bank">{ta('nav.bank')}</A>
                <A href="/admin/sets">{ta('nav.sets')}</A>
                <A href="/admin/import">{ta('nav.import')}</A>
                <A href="/admin/campaigns">{ta('nav.campaigns')}</A>
                <A href="/admin/contests">{ta('nav.contests')}</A>
                <Show when={m().user.role !== 'host'}>
                  <A href="/admin/guides">{ta('nav.guides')}</A>
                  <A href="/admin/users">{ta('nav.users')}</A>
                </Show>
              </nav>
              <main class="admin-main">{props.children}</main>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
