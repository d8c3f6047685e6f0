import { useParams } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import type { JudgeView, JudgingView } from '../../../shared/contest/views';
import { locale } from '../i18n';
import { tp } from '../i18n/phone';
import { Banners, ConnectionBadge, LangSwitch, roundLine, score, signed, Waiting } from './phone/chrome';
import { ScorePad } from './phone/score-pad';
import { LinkedDevice, type Send } from './phone/linked-device';
import './phone.css';

/**
 * A judge's scoring pad (/judge/:pin?t=TOKEN): the team performing now, a score within the round's
 * range, and the confirmation of what was sent; between performances, the teams scored so far.
 */
export default function JudgePad() {
  const params = useParams<{ pin: string }>();
  return (
    <LinkedDevice role="judge" pin={params.pin} class="ph-judge" noLink="judge.noLink">
      {(view, connected, send) => <JudgeScreen view={view()} connected={connected()} send={send} />}
    </LinkedDevice>
  );
}

/** The round's score range, checked on the pad before sending (the server checks it again). */
function rangeOf(judging: JudgingView | null): { min: number; max: number } | null {
  return judging ? { min: judging.minScore, max: judging.maxScore } : null;
}

function JudgeScreen(props: { view: JudgeView; connected: boolean; send: Send }) {
  const me = () => props.view.me;
  const judging = () => props.view.judging;
  const name = () => judging()?.judges.find((j) => j.id === me().judgeId)?.name ?? tp('judge.title');
  const team = () => props.view.teams.find((t) => t.id === judging()?.teamId) ?? null;
  const nameOf = (id: string) => props.view.teams.find((t) => t.id === id)?.name ?? id;
  const done = () => Object.entries(judging()?.results ?? {});
  const scoredCount = () => judging()?.scored.length ?? 0;
  // The judge chose to change a score already sent (allowed until the host closes scoring).
  const [changing, setChanging] = createSignal(false);

  return (
    <>
      <header class="ph-head">
        <div class="ph-head-main">
          <h1 class="ph-team-name">{name()}</h1>
          <p class="ph-sub">{roundLine(props.view)}</p>
        </div>
      </header>
      <div class="ph-toolbar">
        <ConnectionBadge connected={props.connected} />
        <LangSwitch />
      </div>
      <Banners paused={props.view.paused} connected={props.connected} joined />
      <main class="ph-body">
        <Switch fallback={<Waiting title={tp('judge.waitRound')} detail={props.view.round?.title} />}>
          <Match when={props.view.phase === 'finished'}>
            <Waiting title={tp('state.finished')} detail={tp('judge.thanks')} />
          </Match>
          <Match when={props.view.round?.kind === 'judged' && !me().judgesThisRound}>
            <Waiting title={tp('judge.notThisRound')} />
          </Match>
          <Match when={props.view.round?.kind === 'judged' && props.view.phase === 'judging' && team()}>
            {(t) => (
              <section class="ph-judging">
                <p class="ph-kicker-dark">{tp('judge.nowPerforming')}</p>
                <h2 class="ph-performer">{t().name}</h2>
                <Show when={t().members.length}>
                  <p class="ph-members">{t().members.join(locale() === 'en' ? ', ' : '、')}</p>
                </Show>
                <Show when={me().returned}>{(reason) => <p class="ph-error" role="alert" data-returned>{tp('judge.returned', { reason: reason() })}</p>}</Show>
                <Show
                  when={me().scored !== null && !changing()}
                  fallback={
                    <Show when={me().canScore && t().id} keyed>
                      {(teamId) => (
                        <ScorePad
                          range={rangeOf(judging())}
                          submit={async (value) => {
                            const err = await props.send({ type: 'judge:score', teamId, score: value });
                            if (!err) setChanging(false);
                            return err;
                          }}
                        />
                      )}
                    </Show>
                  }
                >
                  <div class="ph-confirm" role="status">
                    <span class="ph-confirm-label">{tp('judge.sent')}</span>
                    <span class="ph-confirm-value">{score(me().scored ?? 0)}</span>
                    <span class="ph-confirm-detail">
                      {judging()?.closed ? tp('judge.closed') : tp('judge.othersScoring', { n: scoredCount(), total: judging()?.judges.length ?? 0 })}
                    </span>
                  </div>
                  <Show when={me().canScore}>
                    <p class="ph-sub">{tp('judge.canChange')}</p>
                    <button type="button" class="ph-secondary" data-change-score onClick={() => setChanging(true)}>
                      {tp('judge.change')}
                    </button>
                  </Show>
                </Show>
              </section>
            )}
          </Match>
          <Match when={props.view.round?.kind === 'judged'}>
            <Waiting title={tp('judge.waitTeam')} detail={props.view.round?.title}>
              <Show when={done().length}>
                <ul class="ph-results">
                  <For each={done()}>
                    {([teamId, r]) => (
                      <li>
                        <span>{nameOf(teamId)}</span>
                        <span>
                          {tp('judge.resultLine', { avg: score(r.aggregate), mine: r.scores[me().judgeId] === undefined ? '—' : score(r.scores[me().judgeId]!), delta: signed(r.delta) })}
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Waiting>
          </Match>
        </Switch>
      </main>
    </>
  );
}
