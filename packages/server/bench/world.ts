import { sql } from 'kysely';
import type { Container } from '../src/container.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { idNumber, personName, phoneNumber } from '../src/seed/people.ts';
import { Random } from '../src/seed/random.ts';
import type { CasePushInput } from '../src/services/case-intake.service.ts';

/** Who may handle a case: a unit with one of its current items, one of its staff and that person's window. */
export interface Slot {
  unitCode: string;
  itemCode: string;
  staffId: number;
  windowId: number | null;
}

export interface World {
  integrationKey: string;
  slots: Slot[];
}

/**
 * The demo county's master data (灵武市: its townships and villages, halls, units, windows, staff,
 * items, an integration key) without demo cases; the benchmark makes its own.
 */
export async function seedWorld(c: Container): Promise<World> {
  const summary = await seedDemo(c, { cases: 0, seed: 2026 });
  const rows = await sql<{ unit_code: string; item_code: string; staff_id: number; window_id: number | null }>`
    select u.code as unit_code, i.item_code, s.id as staff_id, (select min(sw.window_id) from staff_windows sw where sw.staff_id = s.id) as window_id
    from service_items i
    join organisations u on u.id = i.owner_org_id and u.kind = 'unit'
    join staff s on s.org_id = u.id
    where i.superseded_at is null
    order by u.code, i.item_code, s.id`.execute(c.db);
  return { integrationKey: summary.integrationKey, slots: rows.rows.map((r) => ({ unitCode: r.unit_code, itemCode: r.item_code, staffId: r.staff_id, windowId: r.window_id })) };
}

/**
 * A completed case as an approval system pushes it: received, accepted ten minutes later, completed
 * at `completedAt`; a real-looking applicant (encrypted at rest like any other).
 */
export function benchCase(r: Random, caseNo: string, slot: Slot, completedAt: Date): CasePushInput {
  const received = new Date(completedAt.getTime() - 2 * 3_600_000);
  const accepted = new Date(received.getTime() + 10 * 60_000);
  return {
    caseNo,
    itemCode: slot.itemCode,
    unitCode: slot.unitCode,
    windowId: slot.windowId,
    staffId: slot.staffId,
    channel: slot.windowId ? 'offline' : 'online',
    caseType: 2,
    applicant: { type: 1, name: personName(r), idNumber: idNumber(r, '640181'), phone: phoneNumber(r) },
    stages: [
      { stage: 'received', at: received.toISOString() },
      { stage: 'accepted', at: accepted.toISOString() },
      { stage: 'completed', at: completedAt.toISOString() },
    ],
  };
}

/** Rating levels as a county hall sees them (the demo's mix): mostly good, one in twenty bad. */
const LEVEL_MIX: readonly [number, number][] = [[5, 0.62], [4, 0.25], [3, 0.08], [2, 0.03], [1, 0.02]];

export function pickLevel(r: Random): number {
  let x = r.next();
  for (const [v, p] of LEVEL_MIX) if ((x -= p) < 0) return v;
  return 5;
}

/** The body the citizen evaluation page posts to /api/public/evaluate/:token. */
export function evaluationBody(r: Random, i: number): { level: number; tags: string[]; text: string | null; scores: Record<string, number>; idempotencyKey: string } {
  const level = pickLevel(r);
  const tagsOf: Record<number, string[]> = { 5: ['501', '502', '503'], 4: ['401', '402'], 3: ['301', '303'], 2: ['201', '203'], 1: ['101', '103'] };
  const bad = level <= 2;
  return {
    level,
    tags: bad || r.chance(0.3) ? [r.pick(tagsOf[level]!)] : [],
    text: bad && r.chance(0.6) ? '等候时间太长，材料要求前后不一致' : null,
    scores: { overall: level },
    idempotencyKey: `bench-${i}-${Math.floor(r.next() * 1e9).toString(36)}`,
  };
}
