import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { BoardRow } from '../../../shared/protocol/events';
import { ErrorNotice } from '../components/error-notice';
import { publicApi } from '../lib/public-api';
import { connect } from '../lib/socket';
import { locale, t } from '../i18n';
import './board.css';

/**
 * The big-screen county leaderboard (1920×1080, read from 20 m): participants per county with a bar,
 * rate against target and average score; rows slide to their new rank as answers arrive.
 */
export default function Board() {
  const params = useParams<{ id: string }>();
  const [info] = createResource(() => params.id, publicApi.board);
  const [rows, setRows] = createSignal<BoardRow[]>([]);
  const [live, setLive] = createSignal(false);
  onMount(() => {
    const socket = connect((s) => {
      s.emit('board:watch', { campaignId: params.id }, (r) => {
        if (r.ok) setRows(r.data);
        setLive(r.ok);
      });
    });
    socket.on('board:update', (u) => {
      if (u.campaignId === params.id) setRows(u.counties);
    });
    socket.on('disconnect', () => setLive(false));
    onCleanup(() => socket.close());
  });
  const current = () => (rows().length ? rows() : info()?.ok ? (info() as { data: { counties: BoardRow[] } }).data.counties : []);
  const max = () => Math.max(1, ...current().map((r) => r.participants));
  const total = () => current().reduce((n, r) => n + r.participants, 0);
  // Rows keep a stable DOM order (by code) and move by transform, so rank changes animate.
  const byCode = () => [...current()].sort((a, b) => a.code.localeCompare(b.code));
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

  return (
    <div class="board-screen" lang={locale()}>
      <Show when={info()?.ok === false && info()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} />}</Show>
      <Show when={info()?.ok && info()}>
        {(r) => {
          const data = () => (r() as { data: { title: string; link: string } }).data;
          return (
            <>
              <header class="board-head">
                <div>
                  <h1>{data().title}</h1>
                  <p class="board-sub">{t('board.subtitle')}</p>
                </div>
                <div class="board-total">
                  <span class="board-total-label">{t('board.total')}</span>
                  <span class="board-total-value">{total().toLocaleString(locale())}</span>
                  <span class="board-live" classList={{ on: live() }}>
                    {live() ? t('board.live') : t('board.offline')}
                  </span>
                </div>
              </header>
              <div class="board-body">
                <div class="board-table" style={{ height: `${current().length * 76 + 56}px` }}>
                  <div class="board-row board-header">
                    <span>{t('board.rank')}</span>
                    <span>{t('board.county')}</span>
                    <span>{t('board.participants')}</span>
                    <span class="num">{t('board.rate')}</span>
                    <span class="num">{t('board.average')}</span>
                  </div>
                  <For each={byCode()}>
                    {(row) => (
                      <div class="board-row" classList={{ top3: row.rank <= 3 && row.participants > 0 }} style={{ transform: `translateY(${row.rank * 76 - 20}px)` }} data-code={row.code}>
                        <span class="rank">{row.rank}</span>
                        <span class="name">{row.name}</span>
                        <span class="bar-cell">
                          <span class="bar" style={{ width: `${(row.participants / max()) * 100}%` }} />
                          <span class="bar-value">{row.participants.toLocaleString(locale())}</span>
                        </span>
                        <span class="num">{pct(row.rate)}</span>
                        <span class="num">{row.averageScore === null ? '—' : row.averageScore.toFixed(1)}</span>
                      </div>
                    )}
                  </For>
                </div>
                <aside class="board-qr">
                  <img src={publicApi.qrUrl(params.id)} alt={t('board.scan')} width="360" height="360" />
                  <p>{t('board.scan')}</p>
                  <p class="board-link">{data().link}</p>
                </aside>
              </div>
            </>
          );
        }}
      </Show>
    </div>
  );
}
