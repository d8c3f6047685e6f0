import { z } from 'zod';
import { text } from '../protocol/text.js';

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Administrative division codes: 6 digits down to county, 9 for townships, 12 for villages. */
export const regionCodeSchema = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/);

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  children?: RegionNode[];
}

/** A region tree as stored in `questions/regions/*.json`: province → city → county (→ township). */
export const regionNodeSchema: z.ZodType<RegionNode> = z.lazy(() =>
  z.object({
    code: regionCodeSchema,
    name: text(1, 50),
    level: z.enum(REGION_LEVELS),
    children: z.array(regionNodeSchema).optional(),
  }),
);

/** A region as the API returns it: flat, with its parent's code. */
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/**
 * Flattens a region tree, checking what the schema cannot: each child is exactly one level below its
 * parent and codes are unique. Returns the problems instead of throwing.
 */
export function flattenRegions(root: RegionNode): { regions: Region[]; problems: string[] } {
  const regions: Region[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (node: RegionNode, parent: RegionNode | null) => {
    if (seen.has(node.code)) problems.push(`duplicate code ${node.code}`);
    seen.add(node.code);
    if (parent && REGION_LEVELS.indexOf(node.level) !== REGION_LEVELS.indexOf(parent.level) + 1) {
      problems.push(`${node.code} ${node.name}: level ${node.level} cannot sit under ${parent.level} ${parent.code}`);
    }
    regions.push({ code: node.code, name: node.name, level: node.level, parentCode: parent?.code ?? null });
    for (const child of node.children ?? []) walk(child, node);
  };
  walk(root, null);
  return { regions, problems };
}

/**
 * The level a GB/T 2260 (and its statistical extension) code stands for, read from the code alone: the codes
 * nest, so `130000` is a province, `131000` a city, `131003` a county, nine digits a township, twelve a village.
 */
export function regionLevelOf(code: string): RegionLevel | null {
  if (code.length === 12 && /^\d+$/.test(code)) return 'village';
  if (code.length === 9 && /^\d+$/.test(code)) return 'township';
  if (code.length !== 6 || !/^\d+$/.test(code) || code.startsWith('00')) return null;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

const PREFIX_LENGTH: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

/** The leading digits every code below a region shares with it (`131000` → `1310`). */
export function regionPrefix(code: string): string {
  const level = regionLevelOf(code);
  return level ? code.slice(0, PREFIX_LENGTH[level]) : code;
}

/** Whether `code` is `ancestor` itself or lies anywhere below it (by the codes' nesting; no lookup needed). */
export function isWithinRegion(code: string, ancestor: string): boolean {
  const level = regionLevelOf(ancestor);
  if (!level || !regionLevelOf(code)) return false;
  return code === ancestor || code.startsWith(regionPrefix(ancestor));
}

/**
 * The codes of a region's ancestors, top first, derived from its code (`131003001` → `130000`, `131000`,
 * `131003`). Functional areas and municipalities' "市辖区" have codes of their own and fit the same rule.
 */
export function ancestorCodes(code: string): string[] {
  const level = regionLevelOf(code);
  if (!level) return [];
  const out: string[] = [];
  const depth = REGION_LEVELS.indexOf(level);
  if (depth > 0) out.push(`${code.slice(0, 2)}0000`);
  if (depth > 1) out.push(`${code.slice(0, 4)}00`);
  if (depth > 2) out.push(code.slice(0, 6));
  if (depth > 3) out.push(code.slice(0, 9));
  return out;
}

/** The level below a region's own (`null` below a village). */
export function childLevel(level: RegionLevel): RegionLevel | null {
  return REGION_LEVELS[REGION_LEVELS.indexOf(level) + 1] ?? null;
}
