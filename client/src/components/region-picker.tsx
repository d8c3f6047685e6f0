import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { ancestorCodes, isWithinRegion, regionLevelOf, type RegionLevel } from '../../../shared/region/region';
import { tRegion } from '../i18n/region';
import { publicApi, type RegionRow } from '../lib/public-api';

/** The regions a participant chose, level by level (any may be missing where the tree stops). */
export interface RegionChoice {
  city?: string;
  county?: string;
  township?: string;
  village?: string;
}

interface Level {
  parent: string;
  items: RegionRow[];
}

/** Lists longer than this get a search box: a county's townships fit a select, a township's villages often do not. */
const SEARCH_FROM = 12;

/**
 * Picks a region level by level below `root` (a campaign's province, city or county): one select per level,
 * each filled with the children of the choice above it only (the API sends one level at a time, so a phone never
 * downloads a province's villages), with a search box on long levels. Reports each level's choice; the
 * deepest level reached is where the tree stops.
 */
export function RegionPicker(props: {
  root: string;
  value: RegionChoice;
  onChange: (choice: RegionChoice) => void;
  disabled?: boolean;
  /** A level's label, where the resident's wording (所在县（市、区）, "Your county") does not fit, as for a staff account's region. */
  label?: (level: Exclude<RegionLevel, 'province'>) => string;
  /**
   * Children already at hand (sent with the page), by parent code; undefined where not known. The first
   * levels then need no request, so a phone on a weak network sees a usable form at once.
   */
  known?: (parent: string) => RegionRow[] | undefined;
}) {
  const [levels, setLevels] = createSignal<Level[]>([]);
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [queries, setQueries] = createSignal<Record<number, string>>({});

  const childrenOf = async (code: string): Promise<RegionRow[]> => {
    const at = props.known?.(code);
    if (at) return at;
    const r = await publicApi.regions(code);
    return r.ok ? r.data : [];
  };

  const rootIsCounty = () => regionLevelOf(props.root) === 'county';

  /** Reports the choice: the codes chosen per select, after the root itself when it is a county. */
  const report = (path: string[]) => {
    const choice: RegionChoice = {};
    for (const code of rootIsCounty() ? [props.root, ...path] : path) {
      const level = regionLevelOf(code);
      if (level && level !== 'province') choice[level as keyof RegionChoice] = code;
    }
    props.onChange(choice);
  };

  // Rebuilt from the root and the remembered choice (a reload, a guide's preset region) whenever the root changes.
  createEffect(
    on(
      () => props.root,
      async (root) => {
        // Empty strings are "not chosen" (a page keeps its signals as ''), so `||`, not `??`.
        const deepest = props.value.village || props.value.township || props.value.county || props.value.city;
        const remembered = deepest && isWithinRegion(deepest, root) ? [...ancestorCodes(deepest), deepest].filter((c) => c !== root && isWithinRegion(c, root)) : [];
        const built: Level[] = [];
        const kept: string[] = [];
        let current = root;
        for (let i = 0; ; i++) {
          const items = await childrenOf(current);
          if (items.length === 0) break;
          built.push({ parent: current, items });
          const next = remembered[i];
          if (!next || !items.some((x) => x.code === next)) break;
          kept.push(next);
          current = next;
        }
        setLevels(built);
        setChosen(kept);
        report(kept);
      },
    ),
  );

  const choose = async (depth: number, code: string) => {
    const path = [...chosen().slice(0, depth), ...(code ? [code] : [])];
    setChosen(path);
    setLevels(levels().slice(0, depth + 1));
    setQueries((q) => Object.fromEntries(Object.entries(q).filter(([k]) => Number(k) <= depth)));
    report(path);
    if (!code) return;
    const items = await childrenOf(code);
    // A later choice may have replaced this one while its children loaded.
    if (chosen()[depth] !== code || chosen().length !== depth + 1) return;
    if (items.length) setLevels([...levels().slice(0, depth + 1), { parent: code, items }]);
  };

  const labelOf = (items: RegionRow[]): string => {
    const level = (items[0]?.level ?? 'county') as Exclude<RegionLevel, 'province'>;
    return props.label?.(level) ?? tRegion(`region.${level}`);
  };

  return (
    <div class="region-picker">
      <For each={levels()}>
        {(level, depth) => {
          const value = () => chosen()[depth()] ?? '';
          const query = () => queries()[depth()] ?? '';
          const shown = () => (query() ? level.items.filter((x) => x.name.includes(query()) || x.code === value()) : level.items);
          return (
            <label class="field">
              {labelOf(level.items)}
              <Show when={level.items.length > SEARCH_FROM}>
                <input
                  type="search"
                  name={`${level.items[0]!.level}-search`}
                  placeholder={tRegion('region.search')}
                  value={query()}
                  onInput={(e) => {
                    const q = e.currentTarget.value.trim();
                    setQueries((all) => ({ ...all, [depth()]: q }));
                    // One match left: take it, so a typed name is enough on a phone.
                    const matches = level.items.filter((x) => x.name.includes(q));
                    if (q && matches.length === 1 && matches[0]!.code !== value()) void choose(depth(), matches[0]!.code);
                  }}
                />
                <Show when={query() && shown().length === 0}>
                  <span class="muted small">{tRegion('region.none', { q: query() })}</span>
                </Show>
              </Show>
              <select name={level.items[0]!.level} value={value()} disabled={props.disabled} onChange={(e) => void choose(depth(), e.currentTarget.value)} required>
                <option value="">{tRegion('region.choose')}</option>
                {/* selected on the option too: the select's value is set before its options exist on a rebuild */}
                <For each={shown()}>{(x) => <option value={x.code} selected={x.code === value()}>{x.name}</option>}</For>
              </select>
            </label>
          );
        }}
      </For>
    </div>
  );
}
