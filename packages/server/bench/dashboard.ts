import { regionPrefix } from '@hcp/domain';
import { sql } from 'kysely';
import { Random } from '../src/seed/random.ts';
import { systemCtx } from '../src/services/actor.ts';
import { log, percentile, runLoad, type BenchEnv } from './env.ts';
import type { LoadRequest } from './load-worker.ts';

export interface DashboardFigures {
  evaluations: number;
  generated: number;
  generateSeconds: number;
  rebuildSeconds: number;
  queries: number;
  p95Ms: number;
  p50Ms: number;
  rawQueries: number;
  rawGroupByMs: number;
  rawGroupByP50Ms: number;
}

/** Secondary indexes of these tables (not those behind a constraint), to drop during a bulk load and build again after. */
async function secondaryIndexes(env: BenchEnv, tables: string[]): Promise<{ name: string; def: string }[]> {
  const rows = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.schemaname = 'public' and i.tablename = any(${tables}::text[])
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(env.db);
  return rows.rows;
}

const YEARS = 3;
const DAY_S = 86_400;

/**
 * `count` completed cases, each with one rating, over the three years before today, in SQL
 * (INSERT … SELECT generate_series, a million rows a statement): 70 % rated actively (levels as a
 * county hall sees them, one in twenty bad), 30 % default ratings; channels, real-name share and
 * the rated objects of the demo county. Loaded with the tables' triggers and secondary indexes off,
 * which are built again afterwards; then the statistics rollups are rebuilt (hcp stats rebuild).
 */
export async function generateRatings(env: BenchEnv, count: number): Promise<{ seconds: number; rebuildSeconds: number }> {
  const t0 = performance.now();
  const db = env.db;
  await sql`
    create temporary table bench_slots as
    select row_number() over (order by u.id, i.id, s.id) - 1 as n, u.id as unit_id, u.path as org_path, u.region_code, i.id as item_id, i.item_code,
           s.id as staff_id, w.id as window_id, h.id as hall_id
    from service_items i
    join organisations u on u.id = i.owner_org_id and u.kind = 'unit'
    join staff s on s.org_id = u.id
    left join organisations w on w.id = (select min(sw.window_id) from staff_windows sw where sw.staff_id = s.id)
    left join organisations h on h.id = w.parent_id and h.kind = 'hall'
    where i.superseded_at is null`.execute(db);
  const slots = Number((await sql<{ n: number }>`select count(*)::int as n from bench_slots`.execute(db)).rows[0]!.n);
  const policyId = (await env.c.services.evaluations.policyFor('640181000000')).id;
  const indexes = await secondaryIndexes(env, ['cases', 'evaluations']);
  await sql`alter table cases disable trigger all`.execute(db);
  await sql`alter table evaluations disable trigger all`.execute(db);
  for (const i of indexes) await sql.raw(`drop index ${i.name}`).execute(db);
  const chunk = 1_000_000;
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    const before = Number((await sql<{ n: number }>`select coalesce(max(id), 0)::bigint as n from cases`.execute(db)).rows[0]!.n);
    log(`dashboard: rows ${from}–${to} of ${count}`);
    await sql`
      insert into cases (case_no, item_id, item_code, unit_id, org_path, window_id, staff_id, region_code, channel, applicant_type, stage, stage_at, accepted_at, completed_at)
      select 'DASH-' || lpad(g::text, 9, '0'), s.item_id, s.item_code, s.unit_id, s.org_path, s.window_id, s.staff_id, s.region_code,
             case when s.window_id is null then 'online' else 'offline' end, 1, 'completed', t.at, t.at - interval '2 hours', t.at
      from generate_series(${from}::int, ${to}::int) g
      join bench_slots s on s.n = (g::bigint * 7919) % ${slots}::int
      cross join lateral (select now() - interval '10 days' - ((g::bigint * 104729) % ${YEARS * 365 * DAY_S}::bigint) * interval '1 second' as at) t`.execute(db);
    // One rating per case: a pseudo-random draw per row (r in [0, 1000)) picks kind, level, channel and real name.
    await sql`
      insert into evaluations (case_id, visit_no, round, kind, level, bad, tags, scores, channel, policy_id, real_name,
                               item_id, unit_id, window_id, hall_id, staff_id, region_code, org_path, submitted_at)
      select c.id, 1, 1, k.kind, k.level, k.level <= 2, '{}', '{}', k.channel, ${policyId}::int, k.kind = 'active' and r % 3 <> 0,
             c.item_id, c.unit_id, c.window_id, s.hall_id, c.staff_id, c.region_code, c.org_path,
             case when k.kind = 'default' then c.completed_at + interval '7 days' else c.completed_at + (r % 48) * interval '1 hour' end
      from cases c
      join bench_slots s on s.unit_id = c.unit_id and s.item_id = c.item_id and s.staff_id = c.staff_id
      cross join lateral (select ((c.id * 2654435761) % 1000)::int as r) x
      cross join lateral (select
        case when r < 700 then 'active' else 'default' end as kind,
        case when r >= 700 then 3 when r < 434 then 5 when r < 609 then 4 when r < 665 then 3 when r < 686 then 2 else 1 end as level,
        case when r >= 700 then 'default' when c.window_id is null then (array['pc','mobile','sms'])[1 + r % 3] else (array['device','qr_code','sms','phone'])[1 + r % 4] end as channel) k
      where c.id > ${before}::bigint`.execute(db);
  }
  log(`dashboard: building ${indexes.length} indexes`);
  await sql`set maintenance_work_mem = '512MB'`.execute(db);
  for (const i of indexes) await sql.raw(i.def).execute(db);
  await sql`alter table cases enable trigger all`.execute(db);
  await sql`alter table evaluations enable trigger all`.execute(db);
  await sql`drop table bench_slots`.execute(db);
  await sql`analyze cases`.execute(db);
  await sql`analyze evaluations`.execute(db);
  const seconds = (performance.now() - t0) / 1000;
  log(`dashboard: generated in ${seconds.toFixed(0)} s; rebuilding the statistics rollups`);
  const r0 = performance.now();
  await env.c.services.statistics.rebuild(systemCtx('bench'));
  return { seconds, rebuildSeconds: (performance.now() - r0) / 1000 };
}

interface Slice {
  regionCode: string;
  from: string;
  to: string;
  /** A day in the quarter, for the API's period=quarter&date=. */
  date: string;
}

/** Region subtrees of the demo county (province, city, county, townships) × the quarters of the data. */
function slices(regions: string[], n: number): Slice[] {
  const r = new Random(3);
  const now = new Date();
  const quarters: Slice[] = [];
  for (let back = 1; back <= YEARS * 4 - 1; back++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 - 3 * back, 1));
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    const last = new Date(Date.UTC(y, m + 3, 0)).getUTCDate();
    const pad = (x: number) => String(x).padStart(2, '0');
    quarters.push({ regionCode: '', from: `${y}-${pad(m + 1)}-01`, to: `${y}-${pad(m + 3)}-${pad(last)}`, date: `${y}-${pad(m + 2)}-15` });
  }
  return Array.from({ length: n }, () => ({ ...r.pick(quarters), regionCode: r.pick(regions) }));
}

/** The ratings figures of a slice straight from the raw tables: what the statistics API answers from its rollups. */
async function rawFigures(env: BenchEnv, s: Slice) {
  const prefix = `${regionPrefix(s.regionCode)}%`;
  const ratings = await sql`
    select e.kind, e.level, count(*) filter (where e.excluded_as is null and e.superseded_by is null) as counted,
           count(*) filter (where e.excluded_as is null and e.superseded_by is null and e.bad) as bad,
           count(*) filter (where e.excluded_as is null and e.superseded_by is null and e.real_name) as real_name,
           count(*) filter (where e.excluded_as = 'mistaken') as mistaken, count(*) filter (where e.excluded_as = 'malicious') as malicious,
           count(*) filter (where e.excluded_as is null and e.superseded_by is not null) as superseded
    from evaluations e
    where e.region_code like ${prefix} and (e.submitted_at at time zone 'Asia/Shanghai')::date between ${s.from}::date and ${s.to}::date
    group by e.kind, e.level`.execute(env.db);
  const participation = await sql`
    select count(*) as completed, count(f.id) filter (where f.kind = 'active') as rated_active, count(f.id) filter (where f.kind = 'default') as rated_default
    from cases c left join evaluations f on f.case_id = c.id and f.visit_no = 1 and f.round = 1
    where c.region_code like ${prefix} and (c.completed_at at time zone 'Asia/Shanghai')::date between ${s.from}::date and ${s.to}::date`.execute(env.db);
  return { ratings: ratings.rows, participation: participation.rows };
}

/**
 * dashboard.*: GET /api/statistics for random region subtree × quarter slices, one at a time, as a
 * logged-in supervisor's dashboard asks (after warm-up); the same figures by GROUP BY over the raw
 * tables in the same run.
 */
export async function measureDashboard(env: BenchEnv, port: number, target: number, sizes: { queries: number; raw: number }): Promise<DashboardFigures> {
  const existing = Number((await sql<{ n: number }>`select count(*)::bigint as n from evaluations`.execute(env.db)).rows[0]!.n);
  const generated = Math.max(0, target - existing);
  log(`dashboard: ${existing} evaluations; generating ${generated} more`);
  const gen = generated > 0 ? await generateRatings(env, generated) : { seconds: 0, rebuildSeconds: 0 };
  const evaluations = Number((await sql<{ n: number }>`select count(*)::bigint as n from evaluations`.execute(env.db)).rows[0]!.n);

  const password = 'Bench-dashboard-2026!';
  await env.c.services.auth.createUser(systemCtx('bench'), { username: 'bench.supervisor', displayName: '省级监督员', password, role: 'supervisor', scopeRegionCode: '640000000000' });
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.supervisor', password }) });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('hcp_session='))?.split(';')[0];
  if (!cookie) throw new Error(`dashboard: login failed (${login.status})`);

  const regions = (await sql<{ code: string }>`
    select code from regions where code in (select distinct region_code from cases) or code in ('640000000000', '640100000000') order by code`.execute(env.db)).rows.map((r) => r.code);
  const all = slices(regions, sizes.queries + 20);
  const request = (s: Slice): LoadRequest => ({ method: 'GET', path: `/api/statistics?regionCode=${s.regionCode}&period=quarter&date=${s.date}`, headers: { cookie } });
  const warm = await runLoad({ port, concurrency: 1, requests: all.slice(0, 20).map(request) });
  if ((warm.statuses['200'] ?? 0) !== 20) throw new Error(`dashboard: ${JSON.stringify(warm.statuses)} ${warm.samples.join(' | ')}`);
  const run = await runLoad({ port, concurrency: 1, requests: all.slice(20).map(request) });
  if ((run.statuses['200'] ?? 0) !== sizes.queries) throw new Error(`dashboard: ${JSON.stringify(run.statuses)} ${run.samples.join(' | ')}`);

  log(`dashboard: ${sizes.raw} of the same slices by GROUP BY over the raw tables`);
  await rawFigures(env, all[20]!);
  const raw: number[] = [];
  for (const s of all.slice(20, 20 + sizes.raw)) {
    const t = performance.now();
    await rawFigures(env, s);
    raw.push(performance.now() - t);
  }
  return {
    evaluations,
    generated,
    generateSeconds: gen.seconds,
    rebuildSeconds: gen.rebuildSeconds,
    queries: sizes.queries,
    p95Ms: percentile(run.latencies, 95),
    p50Ms: percentile(run.latencies, 50),
    rawQueries: raw.length,
    rawGroupByMs: percentile(raw, 95),
    rawGroupByP50Ms: percentile(raw, 50),
  };
}
