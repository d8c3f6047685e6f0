import { useParams } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import { ErrorNotice } from '../components/error-notice';
import { makeTranslator } from '../i18n';
import { guidesApi, type GuideCampaign } from '../lib/guides-api';
import './guide.css';

const tr = makeTranslator(
  {
    'home.hello': '{name}，您好',
    'home.none': '目前没有进行中的答题活动。',
    'home.residents': '已绑定居民',
    'home.attempts': '答题次数',
    'home.average': '平均分',
    'home.rankTownship': '本乡镇（街道）指导员中排第 {rank} 名（共 {of} 名）',
    'home.rankCounty': '本县（市、区）指导员中排第 {rank} 名（共 {of} 名）',
    'home.show': '请居民用微信扫描下方二维码参加答题：',
    'home.list': '我绑定的居民',
    'home.nobody': '还没有居民通过您的二维码参加。',
    'home.resident': '居民',
    'home.score': '成绩',
    'home.anon': '（未留姓名）',
  },
  {
    'home.hello': 'Hello, {name}',
    'home.none': 'No quiz is open at the moment.',
    'home.residents': 'Residents bound',
    'home.attempts': 'Attempts',
    'home.average': 'Average',
    'home.rankTownship': 'Rank {rank} of {of} guides in your township',
    'home.rankCounty': 'Rank {rank} of {of} guides in your county',
    'home.show': 'Residents scan this code with WeChat to take part:',
    'home.list': 'My residents',
    'home.nobody': 'Nobody has joined through your code yet.',
    'home.resident': 'Resident',
    'home.score': 'Score',
    'home.anon': '(no name)',
  },
);

function CampaignCard(props: { c: GuideCampaign }) {
  return (
    <section class="guide-card" data-campaign={props.c.id}>
      <h2>{props.c.title}</h2>
      <div class="guide-figures">
        <div>
          <strong class="guide-residents-count">{props.c.residents}</strong>
          {tr('home.residents')}
        </div>
        <div>
          <strong>{props.c.attempts}</strong>
          {tr('home.attempts')}
        </div>
        <div>
          <strong>{props.c.averageScore === null ? '—' : Math.round(props.c.averageScore * 10) / 10}</strong>
          {tr('home.average')}
        </div>
      </div>
      <Show when={props.c.township}>{(r) => <p class="guide-rank">{tr('home.rankTownship', r())}</p>}</Show>
      <Show when={props.c.county}>{(r) => <p class="guide-rank">{tr('home.rankCounty', r())}</p>}</Show>
      <p>{tr('home.show')}</p>
      <img class="guide-qr" src={props.c.qr} alt={props.c.link} />
      <h3>{tr('home.list')}</h3>
      <Show when={props.c.list.length} fallback={<p class="muted">{tr('home.nobody')}</p>}>
        <table class="guide-residents">
          <thead>
            <tr>
              <th>{tr('home.resident')}</th>
              <th>{tr('home.attempts')}</th>
              <th>{tr('home.score')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.c.list}>
              {(r) => (
                <tr>
                  <td>
                    {r.name ?? tr('home.anon')} {r.phone ?? ''}
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
                <h1>{tr('home.hello', { name: d().guide.name })}</h1>
                <p class="muted">
                  {d().guide.clinic} · {d().guide.path.slice(1).join(' · ')}
                </p>
                <Show when={d().campaigns.length} fallback={<p>{tr('home.none')}</p>}>
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
