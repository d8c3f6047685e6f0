import { A } from '@solidjs/router';
import { createResource, For, Match, Switch } from 'solid-js';
import { publicApi } from '../lib/public-api';
import { formatDateTime } from '../lib/dates';
import { locale, t } from '../i18n';
import { ErrorNotice } from '../components/error-notice';

/** The campaigns open right now; each leads to its quiz. */
export default function QuizList() {
  const [campaigns, { refetch }] = createResource(publicApi.openCampaigns);
  const list = () => {
    const r = campaigns();
    return r?.ok ? r.data : null;
  };
  const error = () => {
    const r = campaigns();
    return r && !r.ok ? r.error : null;
  };
  const fmt = (ms: number) => formatDateTime(ms, locale(), true);
  return (
    <section class="page">
      <h1>{t('quiz.title')}</h1>
      <Switch fallback={<p class="muted">{t('common.loading')}</p>}>
        <Match when={error()}>{(e) => <ErrorNotice error={e()} onRetry={refetch} />}</Match>
        <Match when={list()?.length === 0}>
          <p class="empty">{t('quiz.empty')}</p>
        </Match>
        <Match when={list()}>
          {(items) => (
            <ul class="list">
              <For each={items()}>
                {(c) => (
                  <li class="card">
                    <h2>{c.title}</h2>
                    <p>{c.description}</p>
                    <p class="muted">
                      {t('quiz.until')} {fmt(c.endsAt)}
                    </p>
                    <A class="button primary" href={`/quiz/${c.id}`}>
                      {t('landing.quiz.action')}
                    </A>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
      <A href="/" class="back">
        {t('common.back')}
      </A>
    </section>
  );
}
