import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { HostView } from '../../../../shared/contest/views';
import { locale } from '../../i18n';
import { commandLabel, ts } from '../../i18n/stage';
import { fmt, signed, teamName } from '../stage/format';
import { errorText, type Send } from './common';

/** Score corrections with a required reason, and the log of corrections and undos. */
export function Corrections(props: { view: HostView; send: Send }) {
  const v = () => props.view;
  const [teamId, setTeamId] = createSignal('');
  const [delta, setDelta] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const team = () => teamId() || v().teams[0]?.id || '';
  let doneTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(doneTimer));
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setDone(null);
    const d = Number(delta().trim().replace('−', '-').replace('＋', '+'));
    if (!delta().trim() || !Number.isFinite(d) || d === 0 || Math.abs(Math.round(d * 100) - d * 100) > 1e-6) return setProblem(ts('host.correction.deltaInvalid'));
    if (!reason().trim()) return setProblem(ts('host.correction.reasonRequired'));
    setProblem(null);
    setBusy(true);
    const err = await props.send({ type: 'score:adjust', teamId: team(), delta: d, reason: reason().trim() });
    setBusy(false);
    if (err) return setProblem(errorText(err));
    setDone(ts('host.correction.done', { team: teamName(v(), team()), delta: signed(d) }));
    clearTimeout(doneTimer);
    doneTimer = setTimeout(() => setDone(null), 8000);
    setDelta('');
    setReason('');
  };
  const time = (at: number) => new Date(at).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return (
    <section class="host-card host-corrections" aria-label={ts('host.correction')}>
      <h2>{ts('host.correction')}</h2>
      <form class="host-form" onSubmit={(e) => void submit(e)} novalidate>
        <div class="host-field">
          <label for="corr-team">{ts('host.correction.team')}</label>
          <select id="corr-team" value={team()} onChange={(e) => setTeamId(e.currentTarget.value)}>
            <For each={v().teams}>{(t) => <option value={t.id}>{`${t.name}（${fmt(t.score)}）`}</option>}</For>
          </select>
        </div>
        <div class="host-field">
          <label for="corr-delta">{ts('host.correction.delta')}</label>
          <input id="corr-delta" type="text" inputmode="decimal" value={delta()} onInput={(e) => setDelta(e.currentTarget.value)} aria-invalid={problem() === ts('host.correction.deltaInvalid')} />
        </div>
        <div class="host-field wide">
          <label for="corr-reason">{ts('host.correction.reason')}</label>
          <input id="corr-reason" type="text" maxlength={200} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} aria-invalid={problem() === ts('host.correction.reasonRequired')} />
        </div>
        <button type="submit" class="host-btn" disabled={busy()}>
          {ts('host.correction.submit')}
        </button>
      </form>
      <Show when={problem()}>
        {(p) => (
          <p class="host-error" role="alert">
            {p()}
          </p>
        )}
      </Show>
      <Show when={done()}>
        {(d) => (
          <p class="host-ok" role="status">
            {d()}
          </p>
        )}
      </Show>
      <h3>{ts('host.corrections')}</h3>
      <Show when={v().corrections.length} fallback={<p class="host-muted">{ts('host.noCorrections')}</p>}>
        <ol class="host-log">
          <For each={[...v().corrections].reverse()}>
            {(c) => (
              <li>
                <time>{time(c.at)}</time>
                <Show when={c.type === 'correction' && c} fallback={c.type === 'undo' ? ts('host.undoneEntry', { what: commandLabel(c.undoneType), seq: c.undoneSeq }) : ''}>
                  {(x) => (
                    <span>
                      <b>{teamName(v(), x().teamId)}</b> <span class="sb-delta" classList={{ up: x().delta > 0, down: x().delta < 0 }}>{signed(x().delta)}</span> {x().reason}
                    </span>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
