import { createResource, createSignal, Show } from 'solid-js';
import type { AppError } from '../../../shared/protocol/result';
import { ancestorCodes, regionLevelOf } from '../../../shared/region/region';
import { ErrorNotice } from '../components/error-notice';
import { RegionPicker, type RegionChoice } from '../components/region-picker';
import { api, type Me, type Role, type StaffUser } from '../lib/api';
import { ta } from '../i18n/admin';
import { issueAt } from '../ui/field-issues';

/** The fields of the form; an error is shown next to the one it concerns. */
type Field = 'username' | 'displayName' | 'role' | 'password' | 'regionCode';
const FIELDS: Field[] = ['username', 'displayName', 'role', 'password', 'regionCode'];

/** API refusals that concern one field though they carry no issue path of their own. */
const FIELD_OF_CODE: Record<string, Field> = {
  'auth/region-required': 'regionCode',
  'auth/out-of-scope': 'regionCode',
  'region/not-found': 'regionCode',
  'auth/username-taken': 'username',
  'auth/password-weak': 'password',
};

/** The picker's choice for a region code: the region and each region above it, by level. */
function choiceOf(code: string | null): RegionChoice {
  const out: RegionChoice = {};
  if (!code) return out;
  for (const c of [...ancestorCodes(code), code]) {
    const level = regionLevelOf(c);
    if (level && level !== 'province') out[level] = c;
  }
  return out;
}

/** The deepest region chosen, or null when none is. */
const deepest = (choice: RegionChoice) => choice.village || choice.township || choice.county || choice.city || null;

/**
 * Creates an account (`account` null) or edits one: name, role, region, password. The region is picked level by
 * level from the top of the deployment's region tree; an organizer's own region is chosen to begin with, as the
 * accounts they make lie within it. What the API refuses is shown next to the field concerned, in the page's language.
 */
export function AccountForm(props: { account: StaffUser | null; me: Me['user']; onSaved: () => void; onCancel?: () => void }) {
  const editing = props.account;
  const [top] = createResource(async () => {
    const r = await api.regions();
    return r.ok ? (r.data[0]?.code ?? null) : null;
  });
  const [region, setRegion] = createSignal<string | null>(editing ? editing.regionCode : props.me.regionCode);
  const [role, setRole] = createSignal<Role>(editing?.role ?? 'organizer');
  const [error, setError] = createSignal<AppError | null>(null);
  const [saved, setSaved] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const fieldOf = (e: AppError): Field | undefined => FIELD_OF_CODE[e.code];
  const errorAt = (field: Field): string | undefined => {
    const e = error();
    if (!e) return undefined;
    if (fieldOf(e) === field) return e.message;
    return issueAt(e, field) || undefined;
  };
  /** An error no field claims: shown below the form. */
  const general = () => {
    const e = error();
    if (!e || fieldOf(e) || e.issues?.some((i) => FIELDS.some((f) => i.path === f))) return null;
    return e;
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const password = String(form.get('password') ?? '');
    setBusy(true);
    setSaved(false);
    const r = editing
      ? await api.updateUser(editing.id, { displayName: String(form.get('displayName') ?? ''), role: role(), regionCode: region(), ...(password ? { password } : {}) })
      : await api.createUser({ username: String(form.get('username') ?? ''), displayName: String(form.get('displayName') ?? ''), role: role(), password, ...(region() ? { regionCode: region() } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaved(true);
    if (!editing) {
      (formEl.elements.namedItem('username') as HTMLInputElement).value = '';
      (formEl.elements.namedItem('displayName') as HTMLInputElement).value = '';
    }
    (formEl.elements.namedItem('password') as HTMLInputElement).value = '';
    props.onSaved();
  };

  const invalid = (field: Field) => Boolean(errorAt(field));
  const FieldError = (p: { field: Field }) => (
    <Show when={errorAt(p.field)}>
      {(m) => (
        <span class="field-error" id={`account-${p.field}-error`} role="alert">
          {m()}
        </span>
      )}
    </Show>
  );

  return (
    <form class="admin-card editor-form account-form" onSubmit={submit} novalidate>
      <h2>{editing ? ta('users.editTitle', { username: editing.username }) : ta('users.create')}</h2>
      <div class="grid-2">
        <label>
          {ta('users.username')}
          <input name="username" autocomplete="off" value={editing?.username ?? ''} readonly={Boolean(editing)} aria-invalid={invalid('username')} aria-describedby={invalid('username') ? 'account-username-error' : undefined} />
          <FieldError field="username" />
        </label>
        <label>
          {ta('users.displayName')}
          <input name="displayName" maxlength={50} value={editing?.displayName ?? ''} aria-invalid={invalid('displayName')} aria-describedby={invalid('displayName') ? 'account-displayName-error' : undefined} />
          <FieldError field="displayName" />
        </label>
        <label>
          {ta('users.role')}
          <select name="role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)} aria-invalid={invalid('role')}>
            <option value="organizer">{ta('role.organizer')}</option>
            <option value="host">{ta('role.host')}</option>
            <Show when={props.me.role === 'admin'}>
              <option value="admin">{ta('role.admin')}</option>
            </Show>
          </select>
          <FieldError field="role" />
        </label>
        <label>
          {editing ? ta('users.newPassword') : ta('users.password')}
          <input name="password" type="password" autocomplete="new-password" aria-invalid={invalid('password')} aria-describedby={invalid('password') ? 'account-password-error' : undefined} />
          <FieldError field="password" />
        </label>
      </div>
      <fieldset class="account-region" aria-invalid={invalid('regionCode')} aria-describedby={invalid('regionCode') ? 'account-regionCode-error' : undefined}>
        <legend>{ta('users.region')}</legend>
        <p class="muted small">{props.me.role === 'admin' ? ta('users.regionHintAdmin') : ta('users.regionHint')}</p>
        <Show when={top()}>
          {(root) => (
            <RegionPicker root={root()} value={choiceOf(region())} onChange={(choice) => setRegion(deepest(choice))} label={(level) => ta(`users.level.${level}`)} />
          )}
        </Show>
        <FieldError field="regionCode" />
      </fieldset>
      <Show when={general()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={saved()}>
        <p class="notice ok" role="status">
          {editing ? ta('users.saved') : ta('users.created')}
        </p>
      </Show>
      <div class="row-actions">
        <button type="submit" class="button primary" disabled={busy()}>
          {editing ? ta('users.save') : ta('users.create')}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="button" onClick={() => props.onCancel?.()}>
            {ta('common.cancel')}
          </button>
        </Show>
      </div>
    </form>
  );
}
