import { useParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import { ErrorNotice } from '../components/error-notice';
import { tPoster } from '../i18n/poster';
import { guidesApi } from '../lib/guides-api';
import './guide.css';

/**
 * A guide's A4 poster for one campaign (`/poster/:guideId/:campaignId`, for organizers): the campaign's title,
 * the guide's QR code, name, role and clinic, laid out to print on one A4 sheet to hang in a clinic or village office.
 */
export default function GuidePoster() {
  const params = useParams();
  const [data] = createResource(() => [params.guideId!, params.campaignId!] as const, ([g, c]) => guidesApi.poster(g, c));
  return (
    <Switch>
      <Match when={data()?.ok === false && data()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} />}</Match>
      <Match when={data()?.ok && data()}>
        {(r) => {
          const p = () => (r() as { data: import('../lib/guides-api').GuidePoster }).data;
          return (
            <div class="poster-wrap">
              <div class="poster-actions no-print">
                <button type="button" onClick={() => window.print()}>
                  {tPoster('poster.print')}
                </button>
                <span class="muted small">{tPoster('poster.hint')}</span>
              </div>
              <article class="poster" data-guide={p().guide.id}>
                <h1 class="poster-title">{p().campaign.title}</h1>
                <img class="poster-qr" src={p().qr} alt={p().link} />
                <p class="poster-scan">{tPoster('poster.scan')}</p>
                <section class="poster-guide">
                  <p class="poster-label">{tPoster('poster.guide')}</p>
                  <p class="poster-name">
                    {p().guide.name} <span class="poster-role">{tPoster(`role.${p().guide.role}`)}</span>
                  </p>
                  <p class="poster-clinic">{p().guide.clinic}</p>
                  <p class="poster-region">{p().guide.path.slice(1).join(' · ')}</p>
                </section>
                <p class="poster-link">{p().link}</p>
              </article>
            </div>
          );
        }}
      </Match>
    </Switch>
  );
}
