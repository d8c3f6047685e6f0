import { For, Show } from 'solid-js';
import type { TeamRow } from '../../../../shared/contest/views';
import { ts } from '../../i18n/stage';
import { fmt, ranked, signed } from './format';

export interface ScoreboardProps {
  teams: TeamRow[];
  /** Row pitch in px: rows move to `position × rowHeight`, so a rank change slides. */
  rowHeight: number;
  /** Score change of the question just revealed, per team. */
  deltas?: Record<string, number>;
  /** Teams to mark (the one answering, the tied ones). */
  highlight?: readonly string[];
  /** Shown after the name (e.g. county). */
  note?: (team: TeamRow) => string | null;
  class?: string;
  label?: string;
}

/**
 * The ranked team scoreboard. Rows are keyed by team id (stable DOM nodes) and positioned by rank
 * with a transform, so a change of rank animates as a slide, as on the county board.
 */
export function Scoreboard(props: ScoreboardProps) {
  const ids = () => props.teams.map((t) => t.id);
  const order = () => ranked(props.teams);
  const position = (id: string) => order().findIndex((t) => t.id === id);
  const team = (id: string) => props.teams.find((t) => t.id === id);
  return (
    <ol class={`scoreboard ${props.class ?? ''}`} aria-label={props.label ?? ts('stage.scoreboard')} style={{ height: `${props.teams.length * props.rowHeight}px` }}>
      <For each={ids()}>
        {(id) => {
          const row = () => team(id);
          const delta = () => props.deltas?.[id];
          return (
            <Show when={row()}>
              {(t) => (
                <li
                  class="scoreboard-row"
                  classList={{ top3: t().rank <= 3, highlight: props.highlight?.includes(id) ?? false }}
                  style={{ transform: `translateY(${position(id) * props.rowHeight}px)`, height: `${props.rowHeight - 8}px` }}
                  data-team={id}
                  data-rank={t().rank}
                  aria-posinset={position(id) + 1}
                >
                  <span class="sb-rank">{t().rank}</span>
                  <span class="sb-name">
                    {t().name}
                    <Show when={props.note?.(t())}>{(n) => <small class="sb-note">{n()}</small>}</Show>
                  </span>
                  <Show when={delta() !== undefined}>
                    <span class="sb-delta" classList={{ up: (delta() ?? 0) > 0, down: (delta() ?? 0) < 0 }}>
                      {signed(delta() ?? 0)}
                    </span>
                  </Show>
                  <span class="sb-score">{fmt(t().score)}</span>
                </li>
              )}
            </Show>
          );
        }}
      </For>
    </ol>
  );
}
