/**
 * Region codes (行政区划代码): GB/T 2260 six digits for province, city and county, extended to
 * twelve digits below the county (3 for the township or street, 3 for the village or community).
 * We store every code as twelve digits, padded with zeros.
 */
export type RegionLevel = 1 | 2 | 3 | 4 | 5;

export const REGION_LEVEL_NAMES: Record<RegionLevel, { zh: string; en: string }> = {
  1: { zh: '省', en: 'province' },
  2: { zh: '市', en: 'city' },
  3: { zh: '区县', en: 'county / district' },
  4: { zh: '乡镇（街道）', en: 'township / street' },
  5: { zh: '村（居）', en: 'village / community' },
};

/** Significant digits of a code at each level. */
const PREFIX_LENGTH: Record<RegionLevel, number> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 };

const CODE = /^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/;

/** Pads a 6-, 9- or 12-digit code to twelve digits; returns undefined for anything else. */
export function normaliseRegionCode(input: string): string | undefined {
  const code = input.trim();
  if (!CODE.test(code)) return undefined;
  const padded = code.padEnd(12, '0');
  if (padded.slice(0, 2) === '00') return undefined;
  return padded;
}

/** The level a twelve-digit code stands for, read from where its trailing zeros start. */
export function regionLevelOf(code: string): RegionLevel {
  if (/^[0-9]{2}0{10}$/.test(code)) return 1;
  if (/^[0-9]{4}0{8}$/.test(code)) return 2;
  if (/^[0-9]{6}0{6}$/.test(code)) return 3;
  if (/^[0-9]{9}0{3}$/.test(code)) return 4;
  return 5;
}

/** The prefix every code in this region's subtree starts with. */
export function regionPrefix(code: string): string {
  return code.slice(0, PREFIX_LENGTH[regionLevelOf(code)]);
}

/** Whether `code` lies in the subtree rooted at `root` (a region is in its own subtree). */
export function isInRegion(code: string, root: string): boolean {
  return code.startsWith(regionPrefix(root));
}

/**
 * Whether `child` can sit directly under `parent`: one level down and inside its prefix.
 * Municipalities skip the city level in GB/T 2260 (110101 东城区 sits under 110000 北京市), so a
 * county may also sit directly under a province.
 */
export function isValidParent(child: string, parent: string): boolean {
  const cl = regionLevelOf(child);
  const pl = regionLevelOf(parent);
  if (!isInRegion(child, parent) || child === parent) return false;
  return cl === pl + 1 || (cl === 3 && pl === 1);
}
