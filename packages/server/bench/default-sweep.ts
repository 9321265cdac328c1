import { sql } from 'kysely';
import { systemCtx } from '../src/services/actor.ts';
import { log, type BenchEnv } from './env.ts';

export interface SweepFigures {
  cases: number;
  seconds: number;
  recorded: number;
  generateSeconds: number;
}

/**
 * Completed cases, none rated, all past their default date: `count` of them generated in SQL
 * (INSERT … SELECT generate_series), spread over the units, items, staff and windows of the demo
 * county and over 60 days that ended 20 days ago. Each has its completion stage recorded.
 */
export async function generateDueCases(env: BenchEnv, count: number, prefix: string): Promise<void> {
  await sql`
    create temporary table bench_slots as
    select row_number() over (order by u.id, i.id, s.id) - 1 as n, u.id as unit_id, u.path as org_path, u.region_code, i.id as item_id, i.item_code,
           s.id as staff_id, (select min(sw.window_id) from staff_windows sw where sw.staff_id = s.id) as window_id
    from service_items i
    join organisations u on u.id = i.owner_org_id and u.kind = 'unit'
    join staff s on s.org_id = u.id
    where i.superseded_at is null`.execute(env.db);
  const slots = Number((await sql<{ n: number }>`select count(*)::int as n from bench_slots`.execute(env.db)).rows[0]!.n);
  await sql`
    insert into cases (case_no, item_id, item_code, unit_id, org_path, window_id, staff_id, region_code, channel, applicant_type, stage, stage_at, accepted_at, completed_at)
    select ${prefix} || lpad(g::text, 8, '0'), s.item_id, s.item_code, s.unit_id, s.org_path, s.window_id, s.staff_id, s.region_code,
           case when s.window_id is null then 'online' else 'offline' end, 1, 'completed', t.at, t.at - interval '1 hour', t.at
    from generate_series(1, ${count}::int) g
    join bench_slots s on s.n = g % ${slots}::int
    cross join lateral (select now() - interval '20 days' - (g % (60 * 86400)) * interval '1 second' as at) t`.execute(env.db);
  await sql`
    insert into case_stages (case_id, stage, occurred_at)
    select id, 'completed', completed_at from cases where case_no like ${`${prefix}%`}`.execute(env.db);
  await sql`drop table bench_slots`.execute(env.db);
  await sql`analyze cases`.execute(env.db);
  await sql`analyze case_stages`.execute(env.db);
}

/**
 * default_sweep.*: `count` cases due a default rating (默认评价); the time the default job (what
 * the scheduled job evaluations.default runs) takes to record them all.
 */
export async function measureDefaultSweep(env: BenchEnv, count: number): Promise<SweepFigures> {
  const g0 = performance.now();
  log(`default sweep: generating ${count} completed, unrated cases`);
  await generateDueCases(env, count, 'DEF-');
  const generateSeconds = (performance.now() - g0) / 1000;
  log(`default sweep: generated in ${generateSeconds.toFixed(1)} s; running the default job`);
  const t0 = performance.now();
  const result = await env.c.services.evaluations.recordDefaults(systemCtx('evaluations.default'), new Date());
  const seconds = (performance.now() - t0) / 1000;
  const stored = await sql<{ n: number }>`
    select count(*)::int as n from evaluations e join cases c on c.id = e.case_id
    where c.case_no like 'DEF-%' and e.kind = 'default' and e.visit_no = 1 and e.round = 1`.execute(env.db);
  const n = Number(stored.rows[0]!.n);
  if (n !== count) throw new Error(`default sweep: ${n} default ratings for ${count} due cases (the job said ${result.recorded})`);
  return { cases: count, seconds, recorded: result.recorded, generateSeconds };
}
