import { byTime, dayOf, groupBy, mergeRanges, round2, uniqueById, type Finding } from './finding.ts';

export interface TextRating {
  id: number;
  caseId: number;
  unitId: number;
  at: Date;
  text: string | null;
}

export interface IdenticalTextRule {
  minLength: number;
  minCases: number;
  days: number;
  commonUnits: number;
}

/**
 * A text as compared: compatibility forms folded (full-width → half-width, NFKC), lower case, and
 * every space, punctuation mark and symbol removed, so "服务好！！" and "服务好 !" are the same text.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** A short stable key of a normalised text (FNV-1a, 64 bits as hex), to name a finding without quoting it. */
export function textKey(normal: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < normal.length; i++) {
    const c = normal.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/**
 * Identical texts (相同评价文字) on different cases: the same normalised text of at least `minLength`
 * characters on at least `minCases` different cases of one unit within any `days`. A text seen at
 * `commonUnits` units or more is a common phrase ("办事效率高，服务态度好") and is left alone. One
 * finding per text and unit.
 */
export function detectIdenticalTexts(ratings: readonly TextRating[], rule: IdenticalTextRule): Finding[] {
  const span = rule.days * 86_400_000;
  const normal = new Map<number, string>();
  for (const r of uniqueById(ratings)) {
    const n = r.text ? normaliseText(r.text) : '';
    if (Array.from(n).length >= rule.minLength) normal.set(r.id, n);
  }
  const rows = uniqueById(ratings).filter((r) => normal.has(r.id));
  const findings: Finding[] = [];
  for (const [text, group] of groupBy(rows, (r) => normal.get(r.id))) {
    const units = new Set(group.map((r) => r.unitId));
    if (units.size >= rule.commonUnits) continue;
    for (const [unitId, inUnit] of groupBy(group, (r) => r.unitId)) {
      const list = [...inUnit].sort(byTime);
      const ranges: [number, number][] = [];
      const cases = new Map<number, number>();
      let peak = 0;
      let from = 0;
      for (let to = 0; to < list.length; to++) {
        cases.set(list[to]!.caseId, (cases.get(list[to]!.caseId) ?? 0) + 1);
        while (list[to]!.at.getTime() - list[from]!.at.getTime() > span) {
          const c = list[from]!.caseId;
          const left = cases.get(c)! - 1;
          if (left === 0) cases.delete(c);
          else cases.set(c, left);
          from++;
        }
        if (cases.size >= rule.minCases) {
          ranges.push([from, to]);
          peak = Math.max(peak, cases.size);
        }
      }
      if (ranges.length === 0) continue;
      const flagged = mergeRanges(ranges).flatMap(([a, b]) => list.slice(a, b + 1));
      const distinct = new Set(flagged.map((r) => r.caseId)).size;
      findings.push({
        detector: 'identical_text',
        subject: `text:${textKey(text)}`,
        ratingIds: flagged.map((r) => r.id),
        score: round2(peak / rule.minCases),
        reason: {
          zh: `同一段评价文字（${Array.from(text).length} 字）出现在本单位 ${distinct} 个不同办件的评价中，${rule.days} 天内最多 ${peak} 件（规则：${rule.days} 天内 ${rule.minCases} 件；出现在 ${rule.commonUnits} 个及以上单位的常用语不计）`,
          en: `The same text (${Array.from(text).length} characters) is on ratings of ${distinct} different cases of this unit, up to ${peak} within ${rule.days} days (rule: ${rule.minCases} within ${rule.days} days; phrases seen at ${rule.commonUnits} or more units are common and not counted)`,
        },
        evidence: { unitId, cases: distinct, peak, length: Array.from(text).length, units: units.size, firstDay: dayOf(flagged[0]!.at) },
      });
    }
  }
  return findings;
}
