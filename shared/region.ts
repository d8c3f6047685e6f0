import { z } from 'zod';
import { text } from './text.js';

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
