import { shanghaiDateOf } from '../calendar/local-date.ts';
import type { DetectorName } from './detection-policy.ts';

/** A reason in both languages of the console. */
export interface Reason {
  zh: string;
  en: string;
}

/**
 * What a detector found: the ratings that fit its pattern and why. The scan turns each finding into a
 * flag in the review queue (one per unit, so each supervisor sees only their part).
 */
export interface Finding {
  detector: DetectorName;
  /**
   * What the finding is about, stable between scans ("device:12@2026-11-03", "staff:7"), so ratings
   * found later join the flag still waiting for review instead of opening another.
   */
  subject: string;
  ratingIds: number[];
  /** How far beyond the threshold: 1 is just at it. */
  score: number;
  reason: Reason;
  /** The numbers behind the reason; never personal data. */
  evidence: Record<string, number | string>;
}

/** Rounds to two decimals for scores and shares shown to people. */
export const round2 = (x: number) => Math.round(x * 100) / 100;

export const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The Beijing date of an instant, for subjects that name the day a pattern began. */
export const dayOf = (at: Date) => shanghaiDateOf(at);

/** Orders by time, then id, so every function here gives the same answer for the same ratings. */
export const byTime = <T extends { at: Date; id: number }>(a: T, b: T) => a.at.getTime() - b.at.getTime() || a.id - b.id;

/** Keeps the first of each id (context and new ratings overlap). */
export function uniqueById<T extends { id: number }>(rows: readonly T[]): T[] {
  const seen = new Set<number>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

export function groupBy<T, K>(rows: readonly T[], key: (r: T) => K | null | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null || k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

/**
 * Merges index ranges [from, to] (inclusive) that share an index into runs, in order. Sliding-window
 * detectors mark a range for every window that passes the threshold; a run is one episode.
 */
export function mergeRanges(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}
