import { useParams } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import { ErrorNotice } from '../components/error-notice';
import { tGuide } from '../i18n/guide';
import { guidesApi, type GuideCampaign } from '../lib/guides-api';
import './guide.css';

function CampaignCard(props: { c: GuideCampaign }) {
  return (
    <section class="guide-card" data-campaign={props.c.id}>
      <h2>{props.c.title}</h2>
      <div class="guide-figures">
        <div>
          <strong class="guide-residents-count">{props.c.residents}</strong>
          {tGuide('home.residents')}
        </div>
        <div>
          <strong>{props.c.attempts}</strong>
          {tGuide('home.attempts')}
        </div>
        <div>
          <strong>{props.c.averageScore === null ? '—' : Math.round(props.c.averageScore * 10) / 10}</strong>
          {tGuide('home.average')}
        </div>
      </div>
      <Show when={props.c.township}>{(r) => <p class="guide-rank">{tGuide('home.rankTownship', r())}</p>}</Show>
      <Show when={props.c.county}>{(r) => <p class="guide-rank">{tGuide('home.rankCounty', r())}</p>}</Show>
      <p>{tGuide('home.show')}</p>
      <img class="guide-qr" src={props.c.qr} alt={props.c.link} />
      <h3>{tGuide('home.list')}</h3>
      <Show when={props.c.list.length} fallback={<p class="muted">{tGuide('home.nobody')}</p>}>
        <table class="guide-residents">
          <thead>
            <tr>
              <th>{tGuide('home.resident')}</th>
              <th>{tGuide('home.attempts')}</th>
              <th>{tGuide('home.score')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.c.list}>
              {(r) => (
                <tr>
                  <td>
                    {r.name ?? tGuide('home.anon')} {r.phone ?? ''}
                  </td>
                  <td>{r.attempts}</td>
                  <td>{r.score ?? '—'}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

/**
 * A guide's own page on a phone (`/guide/:token`, the personal link is the key: no password): per open campaign,
 * the residents bound, attempts, average score, rank among the township's and the county's guides, the QR code to
 * show, and the residents, masked.
 */
export default function GuideHome() {
  const params = useParams();
  const [data] = createResource(() => params.token!, (token) => guidesApi.page(token));
  return (
    <div class="guide-home">
      <Switch>
        <Match when={data()?.ok === false && data()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} />}</Match>
        <Match when={data()?.ok && data()}>
          {(r) => {
            const d = () => (r() as { data: { guide: { name: string; clinic: string; path: string[] }; campaigns: GuideCampaign[] } }).data;
            return (
              <>
                <h1>{tGuide('home.hello', { name: d().guide.name })}</h1>
                <p class="muted">
                  {d().guide.clinic} · {d().guide.path.slice(1).join(' · ')}
                </p>
                <Show when={d().campaigns.length} fallback={<p>{tGuide('home.none')}</p>}>
                  <For each={d().campaigns}>{(c) => <CampaignCard c={c} />}</For>
                </Show>
              </>
            );
          }}
        </Match>
      </Switch>
    </div>
  );
}
