import { useParams } from '@solidjs/router';
import { For, Match, Show, Switch } from 'solid-js';
import type { TeamView } from '../../../shared/contest/views';
import { locale } from '../i18n';
import { tp } from '../i18n/phone';
import { BuzzButton } from './phone/buzz-button';
import { Banners, ConnectionBadge, Countdown, LangSwitch, optionLabels, roundLine, score, signed, Waiting } from './phone/chrome';
import { QuestionPanel } from './phone/question-panel';
import { StakePicker } from './phone/stake-picker';
import { LinkedDevice, type Send } from './phone/linked-device';
import './phone.css';

/**
 * A family team's device on stage (/team/:pin?t=TOKEN): the team's name and score, the question with
 * big options, the buzzer, the stake tiles, and each question's outcome. The link's token is kept on
 * the device and removed from the address bar, so a reload rejoins as the same team.
 */
export default function TeamDevice() {
  const params = useParams<{ pin: string }>();
  return (
    <LinkedDevice role="team" pin={params.pin} class="ph-team" noLink="team.noLink">
      {(view, connected, send) => <TeamScreen view={view()} connected={connected()} send={send} />}
    </LinkedDevice>
  );
}

function TeamScreen(props: { view: TeamView; connected: boolean; send: Send }) {
  const me = () => props.view.me;
  const team = () => props.view.teams.find((t) => t.id === me().teamId);
  const nameOf = (id: string | null | undefined) => props.view.teams.find((t) => t.id === id)?.name ?? '';
  const kind = () => props.view.round?.kind;
  const phase = () => props.view.phase;
  const buzzRound = () => kind() === 'buzzer' || kind() === 'tiebreak';
  const buzz = () => props.view.buzz;
  const falseStart = () => buzz()?.falseStarts.find((f) => f.teamId === me().teamId) ?? null;
  const myAttempt = () => buzz()?.attempts.find((a) => a.teamId === me().teamId) ?? null;
  const eligible = () => (kind() === 'tiebreak' ? (props.view.tiebreak?.active?.teams.includes(me().teamId) ?? false) : true);
  const excluded = () => buzz()?.excluded.includes(me().teamId) ?? false;
  const deviceAnswering = () => buzzRound() && me().answering && buzz()?.answerMode === 'device';
  const inBuzzPhase = () => buzzRound() && props.view.question !== null && (phase() === 'question-shown' || phase() === 'buzz-open' || phase() === 'answering');
  const showBuzzZone = () => inBuzzPhase() && !deviceAnswering();

  const canAnswer = () => {
    if (props.view.paused || phase() !== 'answering' || !props.view.question) return false;
    if (kind() === 'compulsory') return true;
    if (kind() === 'risk') return typeof me().pick === 'number';
    return deviceAnswering();
  };
  const submit = (options: number[]) => props.send({ type: 'answer:submit', options, openingId: props.view.question?.openingId ?? undefined });

  return (
    <>
      <header class="ph-head">
        <div class="ph-head-main">
          <h1 class="ph-team-name">{team()?.name}</h1>
          <p class="ph-sub">{roundLine(props.view)}</p>
        </div>
        <div class="ph-score" aria-live="polite" aria-label={tp('team.scoreLabel', { score: score(team()?.score ?? 0), rank: team()?.rank ?? '' })}>
          <span class="ph-score-value">{score(team()?.score ?? 0)}</span>
          <span class="ph-score-rank">{tp('team.rank', { rank: team()?.rank ?? '—' })}</span>
        </div>
      </header>
      <Banners paused={props.view.paused} connected={props.connected} joined />
      <main class="ph-body" classList={{ 'with-buzz': showBuzzZone() }}>
        <Switch fallback={<Waiting title={tp('state.waitQuestion')} />}>
          <Match when={phase() === 'lobby'}>
            <Waiting title={tp('team.welcome', { team: team()?.name ?? '' })} detail={tp('state.lobby')}>
              <Show when={team()?.members.length}>
                <p class="ph-members">{tp('team.members', { names: team()!.members.join(locale() === 'en' ? ', ' : '、') })}</p>
              </Show>
            </Waiting>
          </Match>
          <Match when={phase() === 'finished'}>
            <Waiting title={tp('state.finished')} detail={tp('team.final', { rank: team()?.rank ?? '—', score: score(team()?.score ?? 0) })} />
          </Match>
          <Match when={kind() === 'judged'}>
            <JudgedStatus view={props.view} nameOf={nameOf} />
          </Match>
          <Match when={kind() === 'risk' && (phase() === 'stake-picking' || phase() === 'stakes-locked')}>
            <StakeSection view={props.view} nameOf={nameOf} send={props.send} />
          </Match>
          <Match when={props.view.question}>
            {(q) => (
              <>
                <Show when={phase() === 'answering' || phase() === 'buzz-open'}>
                  <Countdown
                    deadline={props.view.deadline}
                    paused={props.view.paused}
                    remainingMs={props.view.remainingMs}
                    label={phase() === 'buzz-open' ? tp('timer.buzz') : tp('timer.answer')}
                  />
                </Show>
                <Outcome view={props.view} nameOf={nameOf} falseStart={falseStart()} attempt={myAttempt()} eligible={eligible()} />
                <Show when={deviceAnswering() && !props.view.paused}>
                  <p class="ph-callout go" role="alert">
                    {tp('buzz.yourTurnDevice')}
                  </p>
                </Show>
                <QuestionPanel
                  question={q()}
                  labels={optionLabels(props.view)}
                  active={canAnswer()}
                  answer={me().answer ?? myAttempt()?.options ?? null}
                  judged={myAttempt() !== null}
                  submit={submit}
                />
              </>
            )}
          </Match>
          <Match when={phase() === 'round-intro'}>
            <RoundIntro view={props.view} nameOf={nameOf} eligible={eligible()} />
          </Match>
        </Switch>
        {/* Rarely needed on stage: kept below the question so the question and the buzzer get the room. */}
        <div class="ph-foot">
          <ConnectionBadge connected={props.connected} />
          <LangSwitch />
        </div>
      </main>
      <Show when={showBuzzZone()}>
        <section class="ph-buzz-zone" aria-label={tp('buzz.zone')}>
          <Switch
            fallback={
              <Waiting
                title={buzz()?.answering ? tp('buzz.othersAnswering', { team: nameOf(buzz()?.answering) }) : tp('buzz.closed')}
                detail={tp('buzz.closedDetail')}
              />
            }
          >
            <Match when={!eligible()}>
              <Waiting title={tp('buzz.notInTiebreak')} />
            </Match>
            <Match when={me().buzzPosition}>
              {(pos) => (
                <div class="ph-position" classList={{ turn: me().answering }} role="status">
                  <span class="ph-position-label">{tp('buzz.position')}</span>
                  <span class="ph-position-value">{tp('buzz.positionN', { n: pos() })}</span>
                  <span class="ph-position-detail">
                    {me().answering
                      ? tp('buzz.yourTurnOral')
                      : myAttempt()
                        ? tp('buzz.done')
                        : buzz()?.answering
                          ? tp('buzz.waitRebound', { team: nameOf(buzz()?.answering) })
                          : tp('buzz.waitHost')}
                  </span>
                </div>
              )}
            </Match>
            <Match when={me().canBuzz}>
              <Show when={buzz()?.answering}>
                {(answering) => <p class="ph-zone-note">{tp('buzz.reboundOpen', { team: nameOf(answering()) })}</p>}
              </Show>
              <BuzzButton mode="open" press={() => props.send({ type: 'buzz:press' })} />
            </Match>
            <Match when={phase() === 'question-shown' && !props.view.paused && !falseStart() && !excluded()}>
              <BuzzButton mode="early" press={() => props.send({ type: 'buzz:press' })} />
            </Match>
            <Match when={falseStart()}>
              <Waiting title={tp('buzz.falseStartWait')} detail={excluded() ? tp('buzz.excluded') : tp('buzz.falseStartDetail')} />
            </Match>
            <Match when={phase() === 'question-shown'}>
              <Waiting title={tp('buzz.waitOpen')} />
            </Match>
          </Switch>
        </section>
      </Show>
    </>
  );
}

/** What this question did to the team: a false start, the verdict of its turn, or the revealed result. */
function Outcome(props: {
  view: TeamView;
  nameOf: (id: string | null) => string;
  falseStart: { delta: number } | null;
  attempt: { verdict: string; delta: number } | null;
  eligible: boolean;
}) {
  const me = () => props.view.me;
  const kind = () => props.view.round?.kind;
  const result = () => props.view.results?.find((r) => r.teamId === me().teamId) ?? null;
  const revealed = () => props.view.phase === 'revealed';
  const tiebreak = () => kind() === 'tiebreak';
  return (
    <>
      <Show when={props.falseStart}>
        {(f) => (
          <p class="ph-callout bad" role="alert">
            {tiebreak() ? tp('buzz.falseStartTiebreak') : tp('buzz.falseStart', { delta: signed(f().delta) })}
          </p>
        )}
      </Show>
      <Show when={kind() === 'risk' && !revealed() && me().pick}>
        {(pick) => <p class="ph-chip">{pick() === 'pass' ? tp('stake.passed') : tp('stake.picked', { n: pick() })}</p>}
      </Show>
      <Switch>
        <Match when={kind() === 'risk' && me().pick === 'pass' && revealed()}>
          <p class="ph-callout">{tp('stake.passed')}</p>
        </Match>
        <Match when={(kind() === 'compulsory' || kind() === 'risk') && revealed()}>
          <Show when={result()} fallback={<p class="ph-callout">{tp('result.none')}</p>}>
            {(r) => (
              <p class="ph-callout" classList={{ good: r().correct, bad: !r().correct }} role="status">
                {r().options === null ? tp('result.noAnswer') : r().correct ? tp('result.right') : tp('result.wrong')}
                <strong class="ph-delta">{tp('result.points', { delta: signed(r().delta) })}</strong>
              </p>
            )}
          </Show>
        </Match>
        <Match when={props.attempt}>
          {(a) => (
            <p class="ph-callout" classList={{ good: a().verdict === 'correct', bad: a().verdict !== 'correct' }} role="status">
              {a().verdict === 'correct' ? tp('result.right') : a().verdict === 'timeout' ? tp('result.timeout') : tp('result.wrong')}
              <Show when={!tiebreak()} fallback={<strong class="ph-delta">{a().verdict === 'correct' ? tp('result.tiebreakWin') : tp('result.tiebreakLose')}</strong>}>
                <strong class="ph-delta">{tp('result.points', { delta: signed(a().delta) })}</strong>
              </Show>
            </p>
          )}
        </Match>
        <Match when={props.view.buzz?.attempts.at(-1)}>
          {(a) => (
            <p class="ph-callout" role="status">
              {tp('buzz.otherResult', {
                team: props.nameOf(a().teamId),
                verdict: a().verdict === 'correct' ? tp('result.right') : a().verdict === 'timeout' ? tp('result.timeout') : tp('result.wrong'),
              })}
            </p>
          )}
        </Match>
        <Match when={props.view.buzz?.dropped}>
          <p class="ph-callout">{tp('buzz.dropped')}</p>
        </Match>
        <Match when={props.view.phase === 'locked'}>
          <p class="ph-callout">{tp('state.waitReveal')}</p>
        </Match>
        <Match when={revealed() && (kind() === 'buzzer' || kind() === 'tiebreak')}>
          <p class="ph-callout">{props.eligible ? tp('result.noBuzz') : tp('buzz.notInTiebreak')}</p>
        </Match>
      </Switch>
    </>
  );
}

function RoundIntro(props: { view: TeamView; nameOf: (id: string) => string; eligible: boolean }) {
  const r = () => props.view.round!;
  const tiebreakTeams = () => props.view.tiebreak?.active?.teams.map(props.nameOf).join(locale() === 'en' ? ', ' : '、') ?? '';
  return (
    <Waiting title={r().title} detail={tp(`kind.${r().kind}`)}>
      <Show when={r().kind === 'tiebreak'}>
        <p class="ph-members">{props.view.tiebreak?.active ? tp('tiebreak.between', { teams: tiebreakTeams() }) : tp('tiebreak.none')}</p>
      </Show>
      <p class="ph-waiting-detail">{tp('state.waitQuestion')}</p>
    </Waiting>
  );
}

function StakeSection(props: { view: TeamView; nameOf: (id: string | null) => string; send: Send }) {
  const me = () => props.view.me;
  const stakes = () => props.view.stakes!;
  const picking = () => props.view.phase === 'stake-picking';
  const title = () => {
    const pick = me().pick;
    if (pick === 'pass') return tp('stake.passed');
    if (typeof pick === 'number') return tp('stake.picked', { n: pick });
    if (me().myTurnToPick) return tp('stake.yourTurn');
    return tp('stake.waitFor', { team: props.nameOf(stakes().picker) });
  };
  const chip = (teamId: string) => {
    const p = stakes().picks[teamId];
    return p === undefined ? '' : p === 'pass' ? tp('stake.passShort') : String(p);
  };
  return (
    <section class="ph-stake-section">
      <h2 class="ph-h2" classList={{ turn: me().myTurnToPick }}>
        {title()}
      </h2>
      <Show when={picking()}>
        <Countdown deadline={props.view.deadline} paused={props.view.paused} remainingMs={props.view.remainingMs} label={tp('timer.stake')} />
      </Show>
      <Show when={!picking()}>
        <p class="ph-status">{tp('stake.locked')}</p>
      </Show>
      <StakePicker
        tiles={stakes().tiles}
        used={stakes().used[me().teamId] ?? []}
        active={me().myTurnToPick && !props.view.paused}
        allowPass={stakes().allowPass}
        pick={me().pick}
        choose={(stake) => props.send({ type: 'stake:pick', stake })}
      />
      <h3 class="ph-h3">{tp('stake.order')}</h3>
      <ol class="ph-order">
        <For each={stakes().order}>
          {(teamId) => (
            <li classList={{ now: stakes().picker === teamId, mine: teamId === me().teamId }}>
              <span>{props.nameOf(teamId)}</span>
              <span class="ph-order-pick">{chip(teamId)}</span>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}

function JudgedStatus(props: { view: TeamView; nameOf: (id: string | null) => string }) {
  const j = () => props.view.judging;
  const me = () => props.view.me.teamId;
  const mine = () => j()?.results[me()] ?? null;
  const performing = () => j()?.teamId ?? null;
  return (
    <Switch fallback={<Waiting title={props.view.round?.title ?? ''} detail={tp('kind.judged')} />}>
      <Match when={performing() === me()}>
        <Waiting title={tp('judged.yourTurn')} detail={tp('judged.scoring', { n: j()!.scored.length, total: j()!.judges.length })} />
      </Match>
      <Match when={performing()}>
        <Waiting title={tp('judged.performing', { team: props.nameOf(performing()) })} detail={mine() ? tp('judged.yours', { avg: score(mine()!.aggregate), delta: signed(mine()!.delta) }) : undefined} />
      </Match>
      <Match when={mine()}>
        {(r) => <Waiting title={tp('judged.done')} detail={tp('judged.yours', { avg: score(r().aggregate), delta: signed(r().delta) })} />}
      </Match>
    </Switch>
  );
}

