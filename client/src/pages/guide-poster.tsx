import { useParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import { ErrorNotice } from '../components/error-notice';
import { makeTranslator } from '../i18n';
import { guidesApi } from '../lib/guides-api';
import './guide.css';

const tr = makeTranslator(
  {
    'poster.scan': '微信扫一扫 参加健康知识答题',
    'poster.guide': '您的健康指导员',
    'poster.print': '打印海报',
    'poster.hint': '打印时请选择 A4 纸、无边距或默认边距；扫码后将自动记入您的指导员名下。',
    'role.family-doctor': '家庭医生',
    'role.village-doctor': '乡村医生',
    'role.manager': '项目管理员',
    'role.other': '健康指导员',
  },
  {
    'poster.scan': 'Scan with WeChat to take the health quiz',
    'poster.guide': 'Your health guide',
    'poster.print': 'Print poster',
    'poster.hint': 'Print on A4; residents who scan are counted for this guide.',
    'role.family-doctor': 'Family doctor',
    'role.village-doctor': 'Village doctor',
    'role.manager': 'Project manager',
    'role.other': 'Health guide',
  },
);

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
                  {tr('poster.print')}
                </button>
                <span class="muted small">{tr('poster.hint')}</span>
              </div>
              <article class="poster" data-guide={p().guide.id}>
                <h1 class="poster-title">{p().campaign.title}</h1>
                <img class="poster-qr" src={p().qr} alt={p().link} />
                <p class="poster-scan">{tr('poster.scan')}</p>
                <section class="poster-guide">
                  <p class="poster-label">{tr('poster.guide')}</p>
                  <p class="poster-name">
                    {p().guide.name} <span class="poster-role">{tr(`role.${p().guide.role}`)}</span>
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
