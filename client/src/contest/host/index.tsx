import { useParams } from '@solidjs/router';
import { createResource, Match, Show, Switch } from 'solid-js';
import type { ContestDetail } from '../../../../shared/contest/draft';
import type { AppError } from '../../../../shared/protocol/result';
import { locale } from '../../i18n';
import { ts } from '../../i18n/stage';
import { api } from '../../lib/api';
import { useContest } from '../lib';
import { countyNamer } from '../stage/common';
import { errorText } from './common';
import { Desk } from './desk';
import '../../components/question-card.css';
import '../stage.css';
import './host.css';

/** Without a staff session the server answers auth/required (or auth/forbidden): offer the sign-in. */
const needsSignIn = (e: AppError) => e.code === 'auth/required' || e.code === 'auth/forbidden';

/** The host console of a live contest (/host/:id): staff session required. */
export default function HostConsole() {
  const params = useParams<{ id: string }>();
  const [detail, { refetch }] = createResource(() => params.id, api.contest);
  const loginHref = () => `/admin/login?next=${encodeURIComponent(`/host/${params.id}`)}`;
  return (
    <div class="host" lang={locale()}>
      <Switch fallback={<p class="host-loading">{ts('stage.loading')}</p>}>
        <Match when={(() => { const d = detail(); return d && !d.ok ? d.error : null; })()}>
          {(r) => (
            <div class="host-blocked" role="alert">
              <p>{needsSignIn(r()) ? ts('host.signIn') : errorText(r())}</p>
              <Show when={needsSignIn(r())}>
                <a class="host-btn primary" href={loginHref()}>
                  {ts('host.signInLink')}
                </a>
              </Show>
              <Show when={r().code === 'network/failed'}>
                <button type="button" class="host-btn" onClick={() => void refetch()}>
                  {ts('stage.loading')}
                </button>
              </Show>
            </div>
          )}
        </Match>
        <Match when={(() => { const d = detail(); return d?.ok ? d.data : null; })()}>
          {(d) => <Console detail={d()} loginHref={loginHref()} />}
        </Match>
      </Switch>
    </div>
  );
}

/** Joins the contest as host once the staff session is known to be good. */
function Console(props: { detail: ContestDetail; loginHref: string }) {
  const contest = useContest(() => ({ pin: props.detail.pin, role: 'host' }));
  const countyName = countyNamer(contest.joined);
  const view = () => {
    const v = contest.view();
    return v && v.role === 'host' ? v : null;
  };
  return (
    <Switch fallback={<p class="host-loading">{ts('stage.loading')}</p>}>
      <Match when={!view() && contest.error()}>
        {(e) => (
          <div class="host-blocked" role="alert">
            <p>{errorText(e())}</p>
            <Show when={e().code === 'contest/host-only'}>
              <a class="host-btn primary" href={props.loginHref}>
                {ts('host.signInLink')}
              </a>
            </Show>
          </div>
        )}
      </Match>
      <Match when={view()}>
        {(v) => <Desk view={v()} detail={props.detail} send={contest.send} connected={contest.connected()} rehearsal={contest.joined()?.rehearsal ?? props.detail.rehearsal} countyName={countyName} />}
      </Match>
    </Switch>
  );
}
