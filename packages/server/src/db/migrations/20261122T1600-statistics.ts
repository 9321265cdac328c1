import { sql, type Kysely } from 'kysely';

/**
 * Statistics rollups (统计汇总), maintained by the database itself in the transaction of every write.
 *
 * Five tables ("cubes") hold the same counts (the measures below, @hcp/domain metrics/counts.ts) at
 * different grains, so that any slice is read from few rows:
 *   stat_day          day   × region, unit path, unit, window, staff, service item (version), channel
 *   stat_month        month × the same
 *   stat_unit_month   month × region, unit path, unit, channel
 *   stat_region_day   day   × region, channel
 *   stat_region_month month × region, channel
 * `day` is a Beijing date (the first of the month in the month tables). Absent window or staff is 0.
 * Case rows (completed cases and how they were first rated) have channel '' — a case has no rating
 * channel — and evaluation and work-order rows the rating's channel.
 *
 * Statement-level triggers with transition tables on evaluations, cases and work_orders add each
 * statement's changes (new rows counted +1, old rows −1) to all five tables, so every path that
 * writes (a rating, the default job, an appeal excluding a rating, a revisit superseding it, a case
 * completing, an order moving on) keeps them right without code of its own, and a batch of a thousand
 * rows costs one pass. `stat_rebuild()` recomputes everything from the raw tables (hcp stats rebuild).
 *
 * The formulas are copied here on purpose: this file must build the same schema forever. A change
 * of formula is a new migration that replaces the functions below and runs stat_rebuild().
 */

const MEASURES = [
  'a1', 'a2', 'a3', 'a4', 'a5', 'a_bad', 'a_real_name', 'a_real_name_bad',
  'd1', 'd2', 'd3', 'd4', 'd5', 'd_bad',
  'ex_mistaken', 'ex_malicious', 'superseded',
  'c_completed', 'c_rated_active', 'c_rated_default',
  'o_opened', 'o_appeal_upheld', 'o_unrectifiable', 'o_rectified', 'o_replied', 'o_revisited', 'o_satisfied', 'o_overdue',
  'o_real_name', 'o_real_name_rectified', 'o_real_name_revisited',
] as const;
type Measure = (typeof MEASURES)[number];

// Text keys compare bytewise (collation "C"): four times faster to index than the database's locale,
// and a plain btree then serves `org_path like '/3/17/%'`.
const KEY_TYPES: Record<string, string> = {
  region_code: 'char(12) collate "C"',
  org_path: 'text collate "C"',
  unit_id: 'integer',
  window_id: 'integer',
  staff_id: 'integer',
  item_id: 'integer',
  channel: 'varchar(16) collate "C"',
};
const FINE_KEYS = ['region_code', 'org_path', 'unit_id', 'window_id', 'staff_id', 'item_id', 'channel'];

interface Cube {
  table: string;
  grain: 'day' | 'month';
  keys: string[];
  indexes: string[];
}

const CUBES: Cube[] = [
  { table: 'stat_day', grain: 'day', keys: FINE_KEYS, indexes: ['org_path, day', 'window_id, day', 'staff_id, day', 'item_id, day'] },
  { table: 'stat_month', grain: 'month', keys: FINE_KEYS, indexes: ['org_path, day', 'window_id, day', 'staff_id, day', 'item_id, day'] },
  { table: 'stat_unit_month', grain: 'month', keys: ['region_code', 'org_path', 'unit_id', 'channel'], indexes: ['org_path, day', 'unit_id, day'] },
  { table: 'stat_region_day', grain: 'day', keys: ['region_code', 'channel'], indexes: [] },
  { table: 'stat_region_month', grain: 'month', keys: ['region_code', 'channel'], indexes: [] },
];

const createIndexes = (c: Cube) => c.indexes.map((cols, i) => `create index ${c.table}_${i + 1}_idx on ${c.table} (${cols});`).join('\n');
const dropIndexes = (c: Cube) => c.indexes.map((_, i) => `drop index ${c.table}_${i + 1}_idx;`).join('\n');
const primaryKey = (c: Cube) => `alter table ${c.table} add constraint ${c.table}_pkey primary key (day, ${c.keys.join(', ')});`;
const dropPrimaryKey = (c: Cube) => `alter table ${c.table} drop constraint ${c.table}_pkey;`;

const beijingDay = (column: string) => `(${column} at time zone 'Asia/Shanghai')::date`;

/** One contribution row per source row: the fine key, then every measure (0 where not given; a null condition is false). */
function contribution(key: string[], measures: Partial<Record<Measure, string>>, sign: 1 | -1): string {
  const m = MEASURES.map((name) => (measures[name] ? `${sign} * coalesce(${measures[name]}, false)::int as ${name}` : `0 as ${name}`));
  return [...key, ...m].join(', ');
}

/** An evaluation: counted by level and kind unless excluded (appeal upheld) or superseded (revisit). */
function evaluationRows(from: string, sign: 1 | -1): string {
  const counted = `e.excluded_as is null and e.superseded_by is null`;
  const active = `${counted} and e.kind = 'active'`;
  const dflt = `${counted} and e.kind = 'default'`;
  const measures: Partial<Record<Measure, string>> = {
    a_bad: `${active} and e.bad`,
    a_real_name: `${active} and e.real_name`,
    a_real_name_bad: `${active} and e.bad and e.real_name`,
    d_bad: `${dflt} and e.bad`,
    ex_mistaken: `e.excluded_as = 'mistaken'`,
    ex_malicious: `e.excluded_as = 'malicious'`,
    superseded: `e.excluded_as is null and e.superseded_by is not null`,
  };
  for (const l of [1, 2, 3, 4, 5] as const) {
    measures[`a${l}`] = `${active} and e.level = ${l}`;
    measures[`d${l}`] = `${dflt} and e.level = ${l}`;
  }
  const key = [`${beijingDay('e.submitted_at')} as day`, 'e.region_code', 'e.org_path', 'e.unit_id', 'coalesce(e.window_id, 0) as window_id', 'coalesce(e.staff_id, 0) as staff_id', 'e.item_id', 'e.channel'];
  return `select ${contribution(key, measures, sign)} from ${from} e`;
}

const caseKey = [`${beijingDay('c.completed_at')} as day`, 'c.region_code', 'c.org_path', 'c.unit_id', 'coalesce(c.window_id, 0) as window_id', 'coalesce(c.staff_id, 0) as staff_id', 'c.item_id', `''::varchar(16) as channel`];

/** A completed case, on its completion day, with the kind of its first rating (visit 1, round 1) if any. */
function caseRows(from: string, sign: 1 | -1): string {
  const measures = { c_completed: 'true', c_rated_active: `coalesce(f.kind = 'active', false)`, c_rated_default: `coalesce(f.kind = 'default', false)` };
  return `select ${contribution(caseKey, measures, sign)} from ${from} c
    left join evaluations f on f.case_id = c.id and f.visit_no = 1 and f.round = 1
    where c.completed_at is not null`;
}

/** The first rating of a completed case, counted on the case's row when the rating arrives (or leaves). */
function firstRatingRows(from: string, sign: 1 | -1): string {
  const measures = { c_rated_active: `n.kind = 'active'`, c_rated_default: `n.kind = 'default'` };
  return `select ${contribution(caseKey, measures, sign)} from ${from} n
    join cases c on c.id = n.case_id
    where n.visit_no = 1 and n.round = 1 and c.completed_at is not null`;
}

/** A work order on its opening day, by its milestones (stat_order_milestones); upheld appeals count only as such. */
function orderRows(from: string, sign: 1 | -1): string {
  const measures: Partial<Record<Measure, string>> = {
    o_opened: 'true',
    o_appeal_upheld: 'm.f[1] = 1',
    o_unrectifiable: 'm.f[2] = 1',
    o_rectified: 'm.f[3] = 1',
    o_replied: 'm.f[4] = 1',
    o_revisited: 'm.f[5] = 1',
    o_satisfied: 'm.f[6] = 1',
    o_overdue: 'm.f[1] = 0 and o.red_card_at is not null',
    o_real_name: 'm.f[1] = 0 and e.real_name',
    o_real_name_rectified: 'm.f[3] = 1 and e.real_name',
    o_real_name_revisited: 'm.f[5] = 1 and e.real_name',
  };
  const key = [`${beijingDay('o.opened_at')} as day`, 'o.region_code', 'o.org_path', 'o.unit_id', 'coalesce(e.window_id, 0) as window_id', 'coalesce(o.staff_id, 0) as staff_id', 'e.item_id', 'e.channel'];
  return `select ${contribution(key, measures, sign)} from ${from} o
    join evaluations e on e.id = o.evaluation_id
    cross join lateral (select stat_order_milestones(o.state, o.review_round) as f) m`;
}

const timeOf = (c: Cube) => (c.grain === 'day' ? 'day' : `date_trunc('month', day::timestamp)::date`);
const positions = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(', ');

/** Adds the rows of `from` (fine-grained, already summed or not) into one cube. */
function upsertInto(c: Cube, from: string): string {
  const cols = ['day', ...c.keys];
  return `insert into ${c.table} (${cols.join(', ')}, ${MEASURES.join(', ')})
    select ${timeOf(c)}, ${c.keys.join(', ')}, ${MEASURES.map((m) => `sum(${m})`).join(', ')} from ${from}
    group by ${positions(cols.length)} order by ${positions(cols.length)}
    on conflict (${cols.join(', ')}) do update set ${MEASURES.map((m) => `${m} = ${c.table}.${m} + excluded.${m}`).join(', ')}`;
}

/** Fills an empty cube, without its indexes, from `from`. */
function insertInto(c: Cube, from: string): string {
  const cols = ['day', ...c.keys];
  return `insert into ${c.table} (${cols.join(', ')}, ${MEASURES.join(', ')})
    select ${timeOf(c)}, ${c.keys.join(', ')}, ${MEASURES.map((m) => `sum(${m})`).join(', ')} from ${from}
    group by ${positions(cols.length)}`;
}

/**
 * One statement that sums the contribution rows of `src` by the fine key, drops keys whose changes
 * cancel out, and adds the result to every cube. Keys are written in order, so two transactions
 * touching the same rows lock them in the same order.
 */
function applyStatement(src: string, preamble = ''): string {
  const fineCols = ['day', ...FINE_KEYS];
  const fine = `select ${fineCols.join(', ')}, ${MEASURES.map((m) => `sum(${m}) as ${m}`).join(', ')} from src
    group by ${fineCols.join(', ')} having ${MEASURES.map((m) => `sum(${m}) <> 0`).join(' or ')}`;
  const [last, ...others] = [...CUBES].reverse();
  const ctes = others.reverse().map((c) => `up_${c.table} as (${upsertInto(c, 'fine')})`);
  return `with ${preamble}src as (${src}), fine as (${fine}), ${ctes.join(', ')} ${upsertInto(last!, 'fine')}`;
}

/** Rows of old and new transition tables whose counted columns differ: the only ones worth looking at. */
const changed = (cols: string[]) =>
  `changed as (select n.id from new_rows n join old_rows o on o.id = n.id where (${cols.map((c) => `o.${c}`).join(', ')}) is distinct from (${cols.map((c) => `n.${c}`).join(', ')})), `;
const onlyChanged = (table: string) => `(select * from ${table} where id in (select id from changed))`;

const EVALUATION_COLUMNS = ['case_id', 'visit_no', 'round', 'kind', 'level', 'bad', 'real_name', 'excluded_as', 'superseded_by', 'submitted_at', 'region_code', 'org_path', 'unit_id', 'window_id', 'staff_id', 'item_id', 'channel'];
const CASE_COLUMNS = ['completed_at', 'region_code', 'org_path', 'unit_id', 'window_id', 'staff_id', 'item_id'];
const ORDER_COLUMNS = ['state', 'review_round', 'red_card_at', 'opened_at', 'region_code', 'org_path', 'unit_id', 'staff_id', 'evaluation_id'];

function triggerFunction(name: string, body: string): string {
  return `create function ${name}() returns trigger language plpgsql as $fn$
begin
${body};
return null;
end $fn$;`;
}

function trigger(table: string, event: 'insert' | 'update' | 'delete', fn: string): string {
  const refs = event === 'insert' ? 'new table as new_rows' : event === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
  return `create trigger ${fn} after ${event} on ${table} referencing ${refs} for each statement execute function ${fn}();`;
}

// A first rating and the completion of its case may be written at the same moment by two
// transactions; locking the case row orders them, so each sees the other's committed row.
const LOCK_RATED_CASES = (rows: string) => `perform 1 from cases where id in (select case_id from ${rows} where visit_no = 1 and round = 1) order by id for share`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const tables = CUBES.map((c) => {
    const keys = c.keys.map((k) => `${k} ${KEY_TYPES[k]} not null`).join(', ');
    const measures = MEASURES.map((m) => `${m} integer not null default 0`).join(', ');
    const indexes = createIndexes(c);
    return `create table ${c.table} (day date not null, ${keys}, ${measures}) with (fillfactor = 80);\n${primaryKey(c)}\n${indexes}`;
  });

  // The milestones of work-order states (@hcp/domain metrics/order-milestones.ts, which a test compares):
  // [appeal upheld, unrectifiable, rectified, replied, revisited, satisfied].
  const milestones = `create function stat_order_milestones(state text, review_round integer) returns integer[] language sql immutable as $fn$
    select case when state = 'closed_appeal_upheld' then array[1, 0, 0, 0, 0, 0]
    else array[
      0,
      (state = 'closed_unrectifiable')::int,
      (state <> 'closed_unrectifiable' and (review_round > 1 or state in ('rectified', 'feedback_given', 'closed_resolved', 'closed_unresolved')))::int,
      (review_round > 1 or state in ('feedback_given', 'closed_resolved', 'closed_unresolved'))::int,
      (review_round > 1 or state in ('closed_resolved', 'closed_unresolved'))::int,
      (state = 'closed_resolved')::int
    ] end
  $fn$;`;

  const functions = [
    triggerFunction('stat_evaluations_insert', `${LOCK_RATED_CASES('new_rows')};\n${applyStatement(`${evaluationRows('new_rows', 1)} union all ${firstRatingRows('new_rows', 1)}`)}`),
    triggerFunction('stat_evaluations_update', applyStatement(`${evaluationRows(onlyChanged('new_rows'), 1)} union all ${evaluationRows(onlyChanged('old_rows'), -1)}`, changed(EVALUATION_COLUMNS))),
    triggerFunction('stat_evaluations_delete', applyStatement(`${evaluationRows('old_rows', -1)} union all ${firstRatingRows('old_rows', -1)}`)),
    triggerFunction('stat_cases_insert', applyStatement(caseRows('new_rows', 1))),
    triggerFunction('stat_cases_update', applyStatement(`${caseRows(onlyChanged('new_rows'), 1)} union all ${caseRows(onlyChanged('old_rows'), -1)}`, changed(CASE_COLUMNS))),
    triggerFunction('stat_cases_delete', applyStatement(caseRows('old_rows', -1))),
    triggerFunction('stat_work_orders_insert', applyStatement(orderRows('new_rows', 1))),
    triggerFunction('stat_work_orders_update', applyStatement(`${orderRows(onlyChanged('new_rows'), 1)} union all ${orderRows(onlyChanged('old_rows'), -1)}`, changed(ORDER_COLUMNS))),
    triggerFunction('stat_work_orders_delete', applyStatement(orderRows('old_rows', -1))),
  ];
  const triggers = [
    trigger('evaluations', 'insert', 'stat_evaluations_insert'),
    trigger('evaluations', 'update', 'stat_evaluations_update'),
    trigger('evaluations', 'delete', 'stat_evaluations_delete'),
    trigger('cases', 'insert', 'stat_cases_insert'),
    trigger('cases', 'update', 'stat_cases_update'),
    trigger('cases', 'delete', 'stat_cases_delete'),
    trigger('work_orders', 'insert', 'stat_work_orders_insert'),
    trigger('work_orders', 'update', 'stat_work_orders_update'),
    trigger('work_orders', 'delete', 'stat_work_orders_delete'),
  ];

  // The rebuild: the finest cube from the raw tables in one pass, each coarser one from a finer one,
  // into empty tables without indexes, which are built afterwards: several times faster than
  // maintaining them row by row at millions of rows. The truncate locks the cubes until commit, so
  // writers meanwhile wait and then add their changes on top.
  const [day, month, unitMonth, regionDay, regionMonth] = CUBES as [Cube, Cube, Cube, Cube, Cube];
  const rebuild = `create function stat_rebuild() returns void language plpgsql as $fn$
begin
  perform set_config('work_mem', '512MB', true);
  perform set_config('maintenance_work_mem', '512MB', true);
  truncate ${CUBES.map((c) => c.table).join(', ')};
  ${CUBES.map((c) => `${dropIndexes(c)}\n${dropPrimaryKey(c)}`).join('\n')}
  ${insertInto(day, `(${evaluationRows('evaluations', 1)} union all ${caseRows('cases', 1)} union all ${orderRows('work_orders', 1)}) src`)};
  ${insertInto(month, day.table)};
  ${insertInto(unitMonth, month.table)};
  ${insertInto(regionDay, day.table)};
  ${insertInto(regionMonth, regionDay.table)};
  ${CUBES.map((c) => `${primaryKey(c)}\n${createIndexes(c)}`).join('\n')}
end $fn$;`;

  await sql.raw([...tables, milestones, ...functions, ...triggers, rebuild].join('\n')).execute(db);
  // Whatever is in the database already (an upgrade) is counted once, now.
  await sql`select stat_rebuild()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    drop trigger if exists stat_evaluations_insert on evaluations;
    drop trigger if exists stat_evaluations_update on evaluations;
    drop trigger if exists stat_evaluations_delete on evaluations;
    drop trigger if exists stat_cases_insert on cases;
    drop trigger if exists stat_cases_update on cases;
    drop trigger if exists stat_cases_delete on cases;
    drop trigger if exists stat_work_orders_insert on work_orders;
    drop trigger if exists stat_work_orders_update on work_orders;
    drop trigger if exists stat_work_orders_delete on work_orders;
    drop function if exists stat_evaluations_insert(), stat_evaluations_update(), stat_evaluations_delete(),
      stat_cases_insert(), stat_cases_update(), stat_cases_delete(),
      stat_work_orders_insert(), stat_work_orders_update(), stat_work_orders_delete(),
      stat_rebuild(), stat_order_milestones(text, integer);
    drop table if exists ${CUBES.map((c) => c.table).join(', ')};
  `).execute(db);
}
