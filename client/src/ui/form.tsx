import { createContext, createEffect, createSignal, onCleanup, Show, untrack, useContext, type JSX } from 'solid-js';
import type { Issue } from '../../../shared/protocol/result';
import { tForm } from '../i18n/form';
import { isMillisecondsPath, issueFor, release, unplacedIssues } from './field-issues';
import './form.css';

/**
 * Form fields that show a rejected save's issues where they belong. The server validates the whole draft and
 * answers with issues addressed by path (`rounds.2.timeLimitMs`); each field claims the paths it edits and shows
 * the first issue among them next to itself, and whatever no mounted field claims is listed under the form.
 */
export interface FieldErrors {
  /** The message for the first issue at (or under) any of these paths. */
  message(paths: string[], seconds?: readonly [number, number], blank?: () => string | undefined): string | undefined;
  /** Marks paths as shown by a mounted field (until it unmounts), so `unplaced` lists only the rest. */
  claim(paths: string[]): void;
  /** The issues no mounted field shows. */
  unplaced(): Issue[];
}

/** Field errors over the issues of the last save (an empty list when it succeeded). */
export function createFieldErrors(issues: () => readonly Issue[]): FieldErrors {
  const [claimed, setClaimed] = createSignal<readonly string[]>([]);
  return {
    message(paths, seconds, blank) {
      const issue = issueFor(issues(), paths);
      if (!issue) return undefined;
      const empty = blank?.();
      if (empty) return empty;
      // The data holds milliseconds; the organizer typed seconds, so say it in seconds.
      if (seconds && isMillisecondsPath(issue.path)) return tForm('form.secondsRange', { min: seconds[0], max: seconds[1] });
      return issue.message;
    },
    claim(paths) {
      setClaimed((c) => [...c, ...paths]);
      onCleanup(() => setClaimed((c) => release(c, paths)));
    },
    unplaced: () => unplacedIssues(issues(), claimed()),
  };
}

const FieldErrorsContext = createContext<FieldErrors>();

/** Gives the fields inside it the form's errors. */
export function FieldErrorsProvider(props: { errors: FieldErrors; children: JSX.Element }) {
  return <FieldErrorsContext.Provider value={props.errors}>{props.children}</FieldErrorsContext.Provider>;
}

/** The errors of the enclosing form, for a control of its own (a group of checkboxes, say). */
export function useFieldErrors(): FieldErrors {
  const errors = useContext(FieldErrorsContext);
  if (!errors) throw new Error('form fields must sit inside a FieldErrorsProvider');
  return errors;
}

let fieldSeq = 0;

/** A labelled control with its hint and its error; the control comes from `children` and gets the ids to point at. */
export function Field(props: {
  label: string;
  paths: string[];
  hint?: string;
  unit?: string;
  seconds?: readonly [number, number];
  /** Our own words when the field is empty, instead of the schema's. */
  blank?: () => string | undefined;
  hideLabel?: boolean;
  class?: string;
  children: (a: { id: string; describedBy: string; invalid: () => boolean }) => JSX.Element;
}) {
  const ctx = useFieldErrors();
  const id = `cf-${++fieldSeq}`;
  ctx.claim(props.paths);
  const message = () => ctx.message(props.paths, props.seconds, props.blank);
  return (
    <div class={`cf-field ${props.class ?? ''}`}>
      <label for={id} classList={{ 'cf-sr': props.hideLabel }}>
        {props.label}
        <Show when={props.unit}>
          {(u) => <span class="cf-sr">{tForm('form.unit', { unit: u() })}</span>}
        </Show>
      </label>
      <div class="cf-control">
        {untrack(() => props.children({ id, describedBy: `${id}-hint ${id}-err`, invalid: () => Boolean(message()) }))}
        <Show when={props.unit}>
          <span class="cf-unit" aria-hidden="true">
            {props.unit}
          </span>
        </Show>
      </div>
      <Show when={props.hint}>
        <small id={`${id}-hint`} class="cf-hint">
          {props.hint}
        </small>
      </Show>
      <Show when={message()}>
        {(m) => (
          <span id={`${id}-err`} class="field-error">
            {m()}
          </span>
        )}
      </Show>
    </div>
  );
}

/**
 * A number field bound to a text value. The store follows every keystroke, but the field is not rewritten while it
 * has the focus: a half-typed "-" reads as "" and writing that back would wipe it.
 */
export function NumberField(props: {
  label: string;
  paths: string[];
  value: string;
  onChange: (v: string) => void;
  min?: number;
  max?: number;
  step?: number | 'any';
  unit?: string;
  hint?: string;
  placeholder?: string;
  seconds?: readonly [number, number];
  class?: string;
  /** Blank is allowed (the server default applies). */
  optional?: boolean;
}) {
  return (
    <Field
      label={props.label}
      paths={props.paths}
      unit={props.unit}
      hint={props.hint}
      seconds={props.seconds}
      class={props.class}
      blank={() => (!props.optional && props.value.trim() === '' ? tForm('form.numberRequired') : undefined)}
    >
      {(a) => (
        <input
          id={a.id}
          ref={(el) =>
            createEffect(() => {
              const v = props.value;
              if (el.value !== v && document.activeElement !== el) el.value = v;
            })
          }
          type="number"
          inputmode="decimal"
          min={props.min}
          max={props.max}
          step={props.step ?? 1}
          placeholder={props.placeholder}
          aria-invalid={a.invalid()}
          aria-describedby={a.describedBy}
          onInput={(e) => props.onChange(e.currentTarget.value)}
          onBlur={(e) => {
            if (e.currentTarget.value !== props.value) e.currentTarget.value = props.value;
          }}
        />
      )}
    </Field>
  );
}

/** A checkbox with its label and any error on its path. */
export function Check(props: { label: string; paths: string[]; checked: boolean; onChange: (v: boolean) => void; switch?: boolean }) {
  const ctx = useFieldErrors();
  ctx.claim(props.paths);
  const message = () => ctx.message(props.paths);
  return (
    <div class="cf-check">
      <label classList={{ chip: true, 'cf-switch': props.switch }}>
        <input type="checkbox" role={props.switch ? 'switch' : undefined} checked={props.checked} aria-invalid={Boolean(message())} onChange={(e) => props.onChange(e.currentTarget.checked)} />
        <span>{props.label}</span>
      </label>
      <Show when={message()}>{(m) => <span class="field-error">{m()}</span>}</Show>
    </div>
  );
}

/** Errors about a list as a whole (too few or too many teams, rounds, judges): `path$` matches only that path. */
export function ListError(props: { path: string }) {
  const ctx = useFieldErrors();
  ctx.claim([props.path]);
  const m = () => ctx.message([props.path]);
  return (
    <Show when={m()}>
      {(msg) => (
        <p class="field-error" role="alert">
          {msg()}
        </p>
      )}
    </Show>
  );
}
