import { For, Index, Match, Show, Switch } from 'solid-js';
import { tc, type ContestKey } from '../../i18n/contests';
import { Check, Field, ListError, NumberField, useFieldErrors } from '../../ui/form';
import { splitList, type RoundForm, type TeamForm } from './model';

/** Allowed seconds of each kind of duration, as the server's schema has them. */
const SECONDS = { time: [5, 600], short: [3, 600], audience: [3, 600] } as const;

type RoundKey = keyof RoundForm;

/** The rules of one round, by kind, in the organizer's units (seconds, points). */
export function RoundRules(props: {
  round: RoundForm;
  index: number;
  teams: TeamForm[];
  teamName: (t: TeamForm, i: number) => string;
  set: (key: RoundKey, value: unknown) => void;
  onAddJudge: () => void;
  onJudgeName: (j: number, v: string) => void;
  onRemoveJudge: (j: number) => void;
}) {
  const p = (key: string) => `rounds.${props.index}.${key}`;
  const numField = (label: ContestKey, key: RoundKey, path: string, extra: Partial<Parameters<typeof NumberField>[0]> = {}) => (
    <NumberField label={tc(label)} paths={[p(path)]} value={props.round[key] as string} onChange={(v) => props.set(key, v)} {...extra} />
  );
  const seconds = (label: ContestKey, key: RoundKey, path: string, range: readonly [number, number], hint?: string) =>
    numField(label, key, path, { unit: tc('editor.seconds'), min: range[0], max: range[1], seconds: range, hint });
  const points = (label: ContestKey, key: RoundKey, path: string, sign: 1 | -1, extra: Partial<Parameters<typeof NumberField>[0]> = {}) =>
    numField(label, key, path, { unit: tc('editor.points'), min: sign > 0 ? 0 : -1000, max: sign > 0 ? 1000 : 0, ...extra });
  const buzzTiming = () => (
    <>
      <Field label={tc('rule.answerMode')} paths={[p('answerMode')]}>
        {(a) => (
          <select id={a.id} value={props.round.answerMode} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onChange={(e) => props.set('answerMode', e.currentTarget.value)}>
            <option value="oral">{tc('rule.answerMode.oral')}</option>
            <option value="device">{tc('rule.answerMode.device')}</option>
          </select>
        )}
      </Field>
      {seconds('rule.buzzWindow', 'buzzWindowSec', 'buzzWindowMs', SECONDS.short, tc('rule.buzzWindowHint'))}
      {seconds('rule.answerTime', 'answerTimeSec', 'answerTimeMs', SECONDS.short)}
    </>
  );
  // The audience's default window: the answer time, or buzz window plus answer time when teams buzz.
  const roundSeconds = () => {
    const r = props.round;
    const n = r.kind === 'buzzer' || r.kind === 'tiebreak' ? Number(r.buzzWindowSec) + Number(r.answerTimeSec) : Number(r.timeLimitSec);
    return Number.isFinite(n) ? n : '—';
  };
  const audience = () => (
    <div class="cf-audience">
      <Check label={tc('rounds.audience')} paths={[p('audience')]} checked={props.round.audience} onChange={(v) => props.set('audience', v)} />
      <Show when={props.round.audience}>
        <NumberField
          label={tc('rounds.audienceTime')}
          paths={[p('audienceTimeMs')]}
          unit={tc('editor.seconds')}
          min={SECONDS.audience[0]}
          max={SECONDS.audience[1]}
          seconds={SECONDS.audience}
          hint={tc('rounds.audienceTimeHint', { n: roundSeconds() })}
          placeholder={String(roundSeconds())}
          value={props.round.audienceTimeSec}
          onChange={(v) => props.set('audienceTimeSec', v)}
          optional
        />
      </Show>
    </div>
  );
  return (
    <div class="cf-rules" aria-label={tc('rounds.rules')} role="group">
      <Switch>
        <Match when={props.round.kind === 'compulsory'}>
          <div class="cf-grid">
            {seconds('rule.timeLimit', 'timeLimitSec', 'timeLimitMs', SECONDS.time)}
            {points('rule.correct', 'correctPoints', 'correctPoints', 1)}
            {points('rule.wrong', 'wrongPoints', 'wrongPoints', -1, { hint: tc('rule.penaltyHint') })}
          </div>
          {audience()}
        </Match>
        <Match when={props.round.kind === 'buzzer'}>
          <div class="cf-grid">
            {buzzTiming()}
            {points('rule.correct', 'correctPoints', 'correctPoints', 1)}
            {points('rule.wrongBuzz', 'wrongPoints', 'wrongPoints', -1, { hint: tc('rule.penaltyHint') })}
            {points('rule.timeout', 'timeoutPoints', 'timeoutPoints', -1)}
            {points('rule.falseStart', 'falseStartPoints', 'falseStartPoints', -1)}
            {numField('rule.rebounds', 'rebounds', 'rebounds', { min: 0, max: 15, hint: tc('rule.reboundsHint') })}
            <Show when={Number(props.round.rebounds) > 0}>
              {points('rule.reboundCorrect', 'reboundCorrectPoints', 'reboundCorrectPoints', 1, { placeholder: tc('rule.reboundDefault'), optional: true })}
              {points('rule.reboundWrong', 'reboundWrongPoints', 'reboundWrongPoints', -1, { placeholder: tc('rule.reboundDefault'), optional: true })}
            </Show>
          </div>
          <Check label={tc('rule.falseStartForfeits')} paths={[p('falseStartForfeits')]} checked={props.round.falseStartForfeits} onChange={(v) => props.set('falseStartForfeits', v)} />
          {audience()}
        </Match>
        <Match when={props.round.kind === 'risk'}>
          <div class="cf-grid">
            <Field label={tc('rule.stakes')} paths={[p('stakes')]} hint={tc('rule.stakesHint')} unit={tc('editor.points')} blank={() => (splitList(props.round.stakes).length ? undefined : tc('rule.stakesRequired'))}>
              {(a) => (
                <input id={a.id} value={props.round.stakes} inputmode="numeric" aria-invalid={a.invalid()} aria-describedby={a.describedBy} onInput={(e) => props.set('stakes', e.currentTarget.value)} />
              )}
            </Field>
            <Field label={tc('rule.pickOrder')} paths={[p('pickOrder')]}>
              {(a) => (
                <select id={a.id} value={props.round.pickOrder} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onChange={(e) => props.set('pickOrder', e.currentTarget.value)}>
                  <option value="lowest-first">{tc('rule.pickOrder.lowest-first')}</option>
                  <option value="highest-first">{tc('rule.pickOrder.highest-first')}</option>
                </select>
              )}
            </Field>
            {seconds('rule.stakeTime', 'stakeTimeSec', 'stakeTimeMs', SECONDS.short)}
            {seconds('rule.timeLimit', 'timeLimitSec', 'timeLimitMs', SECONDS.time)}
          </div>
          <Check label={tc('rule.allowPass')} paths={[p('allowPass')]} checked={props.round.allowPass} onChange={(v) => props.set('allowPass', v)} />
          {audience()}
        </Match>
        <Match when={props.round.kind === 'tiebreak'}>
          <div class="cf-grid">
            {buzzTiming()}
            {numField('rule.places', 'places', 'places', { min: 1, max: 100, hint: tc('rule.placesHint'), placeholder: tc('rule.placesAll'), optional: true })}
          </div>
          {audience()}
        </Match>
        <Match when={props.round.kind === 'judged'}>
          <fieldset class="cf-group">
            <legend>{tc('rule.judges')}</legend>
            <ol class="cf-judges">
              <Index each={props.round.judges}>
                {(judge, j) => (
                  <li>
                    <Field hideLabel label={tc('rule.judgeName', { n: j + 1 })} paths={[p(`judges.${j}`)]} class="cf-grow" blank={() => (judge().name.trim() ? undefined : tc('rule.judgeNameRequired'))}>
                      {(a) => (
                        <input id={a.id} value={judge().name} maxlength={30} placeholder={tc('rule.judgeName', { n: j + 1 })} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onInput={(e) => props.onJudgeName(j, e.currentTarget.value)} />
                      )}
                    </Field>
                    <button type="button" class="icon-button" aria-label={tc('rule.removeJudge', { n: j + 1 })} disabled={props.round.judges.length <= 1} onClick={() => props.onRemoveJudge(j)}>
                      ×
                    </button>
                  </li>
                )}
              </Index>
            </ol>
            <ListError path={p('judges$')} />
            <small class="cf-hint">{tc('rule.judgesHint')}</small>
            <button type="button" class="button small" disabled={props.round.judges.length >= 30} onClick={() => props.onAddJudge()}>
              ＋ {tc('rule.addJudge')}
            </button>
          </fieldset>
          <div class="cf-grid">
            <Field label={tc('rule.aggregate')} paths={[p('aggregate')]} hint={tc('rule.aggregateHint')}>
              {(a) => (
                <select id={a.id} value={props.round.aggregate} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onChange={(e) => props.set('aggregate', e.currentTarget.value)}>
                  <option value="mean">{tc('rule.aggregate.mean')}</option>
                  <option value="trimmed-mean">{tc('rule.aggregate.trimmed-mean')}</option>
                </select>
              )}
            </Field>
            {numField('rule.minScore', 'minScore', 'minScore', { step: 'any' })}
            {numField('rule.maxScore', 'maxScore', 'maxScore', { step: 'any' })}
            {numField('rule.weight', 'weight', 'weight', { step: 'any', min: 0, max: 100, hint: tc('rule.weightHint') })}
          </div>
          <Performers {...{ round: props.round, teams: props.teams, teamName: props.teamName, path: p('teams'), set: (v: string[] | null) => props.set('performers', v) }} />
        </Match>
      </Switch>
    </div>
  );
}

/** The teams that perform in a judged round (all of them unless the organizer unticks some). */
function Performers(props: { round: RoundForm; teams: TeamForm[]; teamName: (t: TeamForm, i: number) => string; path: string; set: (v: string[] | null) => void }) {
  const ctx = useFieldErrors();
  ctx.claim([props.path]);
  const message = () => ctx.message([props.path]);
  const chosen = (id: string) => props.round.performers === null || props.round.performers.includes(id);
  const toggle = (id: string, on: boolean) => {
    const current = props.round.performers ?? props.teams.map((t) => t.id);
    const next = on ? [...current, id] : current.filter((x) => x !== id);
    const all = props.teams.every((t) => next.includes(t.id));
    props.set(all ? null : props.teams.map((t) => t.id).filter((x) => next.includes(x)));
  };
  return (
    <fieldset class="cf-group">
      <legend>{tc('rule.performers')}</legend>
      <div class="row">
        <For each={props.teams}>
          {(t, i) => (
            <label class="chip">
              <input type="checkbox" checked={chosen(t.id)} aria-invalid={Boolean(message())} onChange={(e) => toggle(t.id, e.currentTarget.checked)} />
              {props.teamName(t, i())}
            </label>
          )}
        </For>
      </div>
      <Show when={message()}>{(m) => <span class="field-error">{m()}</span>}</Show>
    </fieldset>
  );
}
