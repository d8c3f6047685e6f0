import { createMemo, Match, Show, Switch, type JSX } from 'solid-js';
import type { JudgeView, TeamView } from '../../../../shared/contest/views';
import { locale } from '../../i18n';
import { tp, type PhoneKey } from '../../i18n/phone';
import { useContest } from '../lib';
import { ErrorLine, Waiting } from './chrome';
import { takeLinkToken } from './storage';

type Role = 'team' | 'judge';
type ViewOf<R extends Role> = R extends 'team' ? TeamView : JudgeView;
export type Send = ReturnType<typeof useContest>['send'];

/**
 * A device that joins with the token of its link (a team's tablet, a judge's pad): the token is kept on
 * the device and removed from the address bar, so a reload rejoins as the same team or judge; without
 * a link it says so; until joined it shows the connection state or the server's refusal.
 */
export function LinkedDevice<R extends Role>(props: {
  role: R;
  pin: string;
  class: string;
  noLink: PhoneKey;
  /** Accessors, so the screen follows every new view. */
  children: (view: () => ViewOf<R>, connected: () => boolean, send: Send) => JSX.Element;
}) {
  const token = takeLinkToken(props.role, props.pin);
  return (
    <Show
      when={token}
      fallback={
        <div class="ph ph-stage" lang={locale()}>
          <Waiting title={tp(props.noLink)} detail={tp('team.noLinkDetail')} />
        </div>
      }
    >
      {(tok) => {
        const c = useContest(() => ({ pin: props.pin, role: props.role, token: tok() }));
        const view = createMemo(() => {
          const v = c.view();
          return v?.role === props.role ? (v as ViewOf<R>) : null;
        });
        return (
          <div class={`ph ph-stage ${props.class}`} lang={locale()}>
            <Switch fallback={<Waiting title={tp('state.connecting')} />}>
              <Match when={!view() && c.error()}>
                <Waiting title={tp('team.cannotJoin')}>
                  <ErrorLine error={c.error()} />
                </Waiting>
              </Match>
              <Match when={view()}>{(v) => props.children(v, c.connected, c.send)}</Match>
            </Switch>
          </div>
        );
      }}
    </Show>
  );
}
