import { createSignal, For, Show } from 'solid-js';
import type { ClientCommand } from '../../../../shared/protocol/contest-protocol';
import type { HostView, JudgeReview } from '../../../../shared/contest/views';
import type { AppError } from '../../../../shared/protocol/result';
import { ts } from '../../i18n/stage';
import { fmt, LETTERS, signed, teamName } from '../stage/format';
import { errorText, type Send } from './common';


/**
 * The host's review of a judged performance: every judge's score, the ones far from the median
 * flagged, and a way to send one back to its judge with a reason. The points reach the screen only
 * with the host's publish (the primary button).
 */
export function JudgeReviewPanel(props: { view: HostView; review: JudgeReview; send: Send }) {
  const v = () => props.view;
  const closed = () => v().judging?.closed ?? false;
  const [asking, setAsking] = createSignal<string | null>(null);
  const [reason, setReason] = createSignal('');
  const [error, setError] = createSignal<AppError | null>(null);
  const ask = (judgeId: string) => {
    setError(null);
    setReason(ts('host.review.defaultReason'));
    setAsking(judgeId);
  };
  const sendBack = async (e: SubmitEvent) => {
    e.preventDefault();
    const judgeId = asking();
    if (!judgeId || !reason().trim()) return;
    const err = await props.send({ type: 'judging:return', judgeId, reason: reason().trim(), phaseId: v().phaseId });
    setError(err);
    if (!err) setAsking(null);
  };
  const score = (judgeId: string) => (Object.hasOwn(props.review.scores, judgeId) ? props.review.scores[judgeId] : undefined);
  return (
    <section class="host-review" aria-label={ts('host.review.title')} data-testid="judge-review">
      <h3>
        {ts('host.review.title')} · {teamName(v(), props.review.teamId)}
        <Show when={props.review.median !== null}>
          <small class="host-muted"> {ts('host.review.median', { m: fmt(props.review.median!) })}</small>
        </Show>
      </h3>
      <table class="host-table compact">
        <thead>
          <tr>
            <th scope="col">{ts('host.review.judge')}</th>
            <th scope="col" class="num">
              {ts('host.review.score')}
            </th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          <For each={v().judging?.judges ?? []}>
            {(j) => {
              const outlier = () => props.review.outliers.includes(j.id);
              const returned = () => (Object.hasOwn(props.review.returned, j.id) ? props.review.returned[j.id] : undefined);
              return (
                <tr data-judge={j.id} classList={{ outlier: outlier() }}>
                  <th scope="row">{j.name}</th>
                  <td class="num">
                    {score(j.id) === undefined ? ts('host.review.pending') : fmt(score(j.id)!)}
                    <Show when={outlier()}>
                      <span class="host-flag" title={ts('host.review.outlier')} aria-label={ts('host.review.outlier')} data-outlier>
                        {' '}
                        ⚠
                      </span>
                    </Show>
                  </td>
                  <td>
                    <Show
                      when={returned()}
                      fallback={
                        <Show when={closed() && score(j.id) !== undefined}>
                          <button type="button" class="host-btn small" data-return={j.id} onClick={() => ask(j.id)}>
                            {ts('host.review.return')}
                          </button>
                        </Show>
                      }
                    >
                      {(r) => <span class="host-muted">{ts('host.review.returned', { reason: r() })}</span>}
                    </Show>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
      <Show when={props.review.delta !== null && props.review.aggregate !== null}>
        <p class="host-muted">{ts('host.review.preview', { delta: signed(props.review.delta!), agg: fmt(props.review.aggregate!) })}</p>
      </Show>
      <Show when={asking()}>
        {(judgeId) => (
          <form class="host-form" onSubmit={(e) => void sendBack(e)}>
            <div class="host-field wide">
              <label for="return-reason">
                {ts('host.review.reasonPrompt')} · {v().judging?.judges.find((j) => j.id === judgeId())?.name}
              </label>
              <input id="return-reason" type="text" maxlength={200} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
            </div>
            <button type="submit" class="host-btn warn" data-confirm-return>
              {ts('host.review.return')}
            </button>
            <button type="button" class="host-btn" onClick={() => setAsking(null)}>
              {ts('host.cancel')}
            </button>
          </form>
        )}
      </Show>
      <Show when={error()}>{(e) => <p class="host-error" role="alert">{errorText(e())}</p>}</Show>
    </section>
  );
}

/** A correction landed while the tie-break was playing: the group no longer matches the scores. */
export function TiebreakStale(props: { view: HostView; send: Send }) {
  const [error, setError] = createSignal<AppError | null>(null);
  const group = () => props.view.tiebreak?.pending[0] ?? [];
  return (
    <div class="host-error host-stale" role="alert" data-testid="tiebreak-stale">
      <p>{ts('host.tiebreakStale', { teams: group().map((t) => teamName(props.view, t)).join('、') || '—' })}</p>
      <button type="button" class="host-btn primary" onClick={async () => setError(await props.send({ type: 'tiebreak:restart', phaseId: props.view.phaseId }))}>
        {ts('host.tiebreakRestart')}
      </button>
      <Show when={error()}>{(e) => <p>{errorText(e())}</p>}</Show>
    </div>
  );
}

/**
 * Acting for a team whose device failed: its answer, its buzz or its stake, with a reason, logged as
 * done by the host for that team. Only what the team could do now is offered.
 */
export function ActForTeam(props: { view: HostView; send: Send }) {
  const v = () => props.view;
  const [teamId, setTeamId] = createSignal('');
  const [options, setOptions] = createSignal<number[]>([]);
  const [stake, setStake] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const team = () => teamId() || v().teams[0]?.id || '';
  const kind = () => v().round?.kind;
  const action = (): 'answer:submit' | 'buzz:press' | 'stake:pick' | null => {
    const p = v().phase;
    if (p === 'stake-picking') return 'stake:pick';
    if ((kind() === 'buzzer' || kind() === 'tiebreak') && (p === 'buzz-open' || p === 'question-shown' || (p === 'answering' && v().buzz?.answerMode === 'oral'))) return 'buzz:press';
    if (p === 'answering' && (kind() === 'compulsory' || kind() === 'risk' || v().buzz?.answerMode === 'device')) {
      return kind() === 'compulsory' || kind() === 'risk' || v().buzz?.answering === team() ? 'answer:submit' : 'buzz:press';
    }
    return null;
  };
  const toggle = (i: number) => {
    const single = v().question?.type !== 'multiple';
    setOptions((o) => (single ? [i] : o.includes(i) ? o.filter((x) => x !== i) : [...o, i].sort()));
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setDone(null);
    const a = action();
    if (!a) return;
    if (!reason().trim()) return setProblem(ts('host.act.reasonRequired'));
    let act: Extract<ClientCommand, { type: 'team:act' }>['action'];
    if (a === 'answer:submit') {
      if (!options().length) return setProblem(ts('host.act.pickOption'));
      act = { type: a, options: options() };
    } else if (a === 'stake:pick') {
      if (!stake()) return setProblem(ts('host.act.pickStake'));
      act = { type: a, stake: stake() === 'pass' ? 'pass' : Number(stake()) };
    } else act = { type: a };
    setProblem(null);
    const err = await props.send({ type: 'team:act', teamId: team(), reason: reason().trim(), action: act, phaseId: v().phaseId });
    if (err) return setProblem(errorText(err));
    setDone(ts('host.act.done', { team: teamName(v(), team()) }));
    setOptions([]);
    setReason('');
  };
  return (
    <section class="host-card host-act" aria-label={ts('host.act.title')}>
      <h2>{ts('host.act.title')}</h2>
      <Show when={action()} fallback={<p class="host-muted">{ts('host.act.nothing')}</p>}>
        {(a) => (
          <form class="host-form" onSubmit={(e) => void submit(e)} novalidate>
            <div class="host-field">
              <label for="act-team">{ts('host.correction.team')}</label>
              <select id="act-team" value={team()} onChange={(e) => setTeamId(e.currentTarget.value)}>
                <For each={v().teams}>{(t) => <option value={t.id}>{t.name}</option>}</For>
              </select>
            </div>
            <Show when={a() === 'answer:submit'}>
              <div class="host-field wide" role="group" aria-label={ts('host.act.answer')}>
                <span>{ts('host.act.answer')}</span>
                <div class="host-act-options">
                  <For each={v().question?.options ?? []}>
                    {(_, i) => (
                      <button type="button" class="host-btn small" classList={{ primary: options().includes(i()) }} aria-pressed={options().includes(i())} onClick={() => toggle(i())}>
                        {v().question?.type === 'truefalse' ? (i() === 0 ? '✓' : '✗') : LETTERS[i()]}
                      </button>
                    )}
                  </For>
                </div>
              </div>
            </Show>
            <Show when={a() === 'stake:pick'}>
              <div class="host-field">
                <label for="act-stake">{ts('host.col.stake')}</label>
                <select id="act-stake" value={stake()} onChange={(e) => setStake(e.currentTarget.value)}>
                  <option value="">—</option>
                  <For each={v().stakes?.tiles ?? []}>{(s) => <option value={String(s)}>{s}</option>}</For>
                  <Show when={v().stakes?.allowPass}>
                    <option value="pass">{ts('stage.pass')}</option>
                  </Show>
                </select>
              </div>
            </Show>
            <div class="host-field wide">
              <label for="act-reason">{ts('host.correction.reason')}</label>
              <input id="act-reason" type="text" maxlength={200} value={reason()} placeholder={ts('host.act.reasonHint')} onInput={(e) => setReason(e.currentTarget.value)} />
            </div>
            <button type="submit" class="host-btn">
              {ts(a() === 'buzz:press' ? 'host.act.buzz' : a() === 'stake:pick' ? 'host.act.stake' : 'host.act.submit')}
            </button>
          </form>
        )}
      </Show>
      <Show when={problem()}>{(p) => <p class="host-error" role="alert">{p()}</p>}</Show>
      <Show when={done()}>{(d) => <p class="host-ok" role="status">{d()}</p>}</Show>
    </section>
  );
}
