import { createEffect, createResource, createSignal, on, Show, untrack } from 'solid-js';
import { dailyApi, type DailyCard as Card } from '../lib/daily-api';
import { takeFirstData } from '../lib/first-data';
import { locale, t } from '../i18n';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3月10日" / "10 Mar" from a YYYY-MM-DD day. */
const dayLabel = (day: string) => {
  const [, m, d] = day.split('-').map(Number) as [number, number, number];
  return locale() === 'en' ? `${d} ${MONTHS[m - 1]}` : `${m}月${d}日`;
};

/** The day this phone last reported reading a campaign's card; kept so a phone counts once a day. */
const reportedKey = (campaignId: string) => `daily:${campaignId}`;
const reportedDay = (campaignId: string): string | null => {
  try {
    return localStorage.getItem(reportedKey(campaignId));
  } catch {
    return null;
  }
};
const rememberReported = (campaignId: string, day: string) => {
  try {
    localStorage.setItem(reportedKey(campaignId), day);
  } catch {
    /* private mode in some in-app browsers: the phone may count again on its next visit */
  }
};

/** Runs `fn` once the page has nothing more urgent to do: the report never competes with the quiz form. */
const whenIdle = (fn: () => void) => ('requestIdleCallback' in window ? window.requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 500));

/** Copies text without the Clipboard API (plain http on a LAN address is not a secure context). */
function copyByCommand(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let done = false;
  try {
    done = document.execCommand('copy');
  } catch {
    done = false;
  }
  area.remove();
  return done;
}

/**
 * 每日一学 on a campaign's page: today's item of 《中国公民健康素养—基本知识与技能（2024年版）》 with its number and
 * dimension, a share button (the phone's share sheet where there is one, else the link copied), and the read
 * reported once a day per phone, with the resident's county once they have chosen it.
 */
export function DailyCard(props: { campaignId: string; title: string; countyCode: string }) {
  // On the first load the card came inside the page, with the quiz's rules: no request to wait for.
  const [card] = createResource(() => props.campaignId, (id) => takeFirstData('daily') ?? dailyApi.card(id));
  const data = (): Card | null => {
    const r = card();
    return r?.ok ? r.data : null;
  };
  const [shared, setShared] = createSignal<'copied' | 'manual' | null>(null);
  const link = () => `${location.origin}/quiz/${props.campaignId}`;
  const message = (c: Card) => t('daily.shareText', { n: c.item, text: c.text, title: props.title });

  createEffect(
    on(data, (c) => {
      if (!c || reportedDay(props.campaignId) === c.day) return;
      const county = untrack(() => props.countyCode);
      whenIdle(async () => {
        const r = await dailyApi.read(props.campaignId, county);
        // Counted, or this network's reads for today are full: either way, not again today from this phone.
        if (r.ok || r.error.code === 'daily/read-limit') rememberReported(props.campaignId, c.day);
      });
    }),
  );

  const share = async (c: Card) => {
    setShared(null);
    const text = message(c);
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: props.title, text, url: link() });
        return;
      } catch (e) {
        if ((e as Error).name === 'AbortError') return; // the resident closed the share sheet
      }
    }
    const full = `${text}\n${link()}`;
    try {
      await navigator.clipboard.writeText(full);
      setShared('copied');
    } catch {
      setShared(copyByCommand(full) ? 'copied' : 'manual');
    }
  };

  return (
    <Show when={data()}>
      {(c) => (
        <section class="daily-card" aria-labelledby="daily-title">
          <div class="daily-head">
            <h2 id="daily-title">{t('daily.title')}</h2>
            <span class="daily-day">{dayLabel(c().day)}</span>
          </div>
          <p class="daily-meta">
            <span class="daily-item">{t('daily.item', { n: c().item })}</span>
            <span>{t(`daily.dim.${c().dimension}`)}</span>
          </p>
          <p class="daily-text" lang="zh-CN">
            {c().text}
          </p>
          <p class="muted small">{t('daily.source')}</p>
          <button type="button" class="button daily-share" onClick={() => void share(c())}>
            {t('daily.share')}
          </button>
          <Show when={shared()}>
            {(how) => (
              <p class="daily-shared" role="status">
                {how() === 'copied' ? t('daily.copied') : t('daily.copyManual')}
                <Show when={how() === 'manual'}>
                  <input class="daily-link" readonly value={link()} aria-label={t('daily.link')} onFocus={(e) => e.currentTarget.select()} />
                </Show>
              </p>
            )}
          </Show>
        </section>
      )}
    </Show>
  );
}
