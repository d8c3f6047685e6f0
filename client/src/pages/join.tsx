import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import { api } from '../lib/api';
import { t, type MessageKey } from '../i18n';
import { ErrorNotice } from '../components/error-notice';

/** Looks a contest up by the PIN in the address and shows what it is before joining. */
export default function Join() {
  const params = useParams<{ pin: string }>();
  const navigate = useNavigate();
  const [contest, { refetch }] = createResource(
    () => params.pin,
    async (pin) => {
      const r = await api.contestByPin(pin);
      // Found and running (or about to): go straight to the audience page.
      if (r.ok && r.data.status !== 'finished') navigate(`/play/${pin}`, { replace: true });
      return r;
    },
  );
  return (
    <section class="page">
      <h1>{t('join.title')}</h1>
      <p class="pin-display" aria-label={t('landing.join.pinLabel')}>
        {params.pin}
      </p>
      <Switch fallback={<p class="muted">{t('common.loading')}</p>}>
        <Match when={contest.state === 'ready' && contest()}>
          {(r) => {
            const res = r();
            return res.ok ? (
              <div class="card">
                <p class="muted">{t('join.found')}</p>
                <h2>{res.data.title}</h2>
                <p>
                  {t('join.waiting')}: {t(`status.${res.data.status}` as MessageKey)}
                </p>
              </div>
            ) : (
              <ErrorNotice error={res.error} onRetry={refetch} />
            );
          }}
        </Match>
      </Switch>
      <A href="/" class="back">
        {t('common.back')}
      </A>
    </section>
  );
}
