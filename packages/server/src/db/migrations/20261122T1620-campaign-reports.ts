import { sql, type Kysely } from 'kysely';

/**
 * Supervision, part B3:
 * - the mass-evaluation campaign (群众评议机关作风, seed 002): a campaign per region and year, its
 *   scoring rules as versions, its objects (units, the center, halls, township centers) and the
 *   results staff enter or import for the questionnaire, revisit and complaint channels;
 * - reports (通报): monthly and quarterly per region, with their status; the files are written only
 *   once a generation has succeeded, in the transaction that marks the report ready;
 * - 监督查评: seeded random samples of evaluators and the revisit tasks of the 12345 operators.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table campaigns (
      id integer generated always as identity primary key,
      region_code char(12) not null references regions(code),
      year smallint not null check (year between 2000 and 2999),
      name varchar(100) not null,
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      unique (region_code, year)
    );

    create table campaign_configs (
      id integer generated always as identity primary key,
      campaign_id integer not null references campaigns(id),
      version integer not null check (version >= 1),
      config jsonb not null,
      note varchar(200),
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      unique (campaign_id, version)
    );

    create table campaign_objects (
      campaign_id integer not null references campaigns(id),
      org_id integer not null references organisations(id),
      object_group varchar(24) not null check (object_group in ('center','hall_government','hall_party','hall_enterprise','township','not_stationed')),
      position integer not null,
      primary key (campaign_id, org_id)
    );

    create table campaign_inputs (
      id bigint generated always as identity primary key,
      campaign_id integer not null references campaigns(id),
      org_id integer not null references organisations(id),
      channel varchar(16) not null check (channel in ('questionnaire','revisit','complaint')),
      method varchar(16),
      occurred_on date not null,
      level smallint not null check (level between 1 and 5),
      count integer not null default 1 check (count between 1 and 100000),
      -- Complaints count once checked (跟踪查证); other results are verified as entered.
      verified boolean not null default true,
      note varchar(500),
      -- The caller's own key for a result: a retried entry or a re-imported row is not counted twice.
      ref varchar(64),
      source varchar(8) not null check (source in ('entered','import')),
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      unique (campaign_id, ref)
    );
    create index campaign_inputs_period_idx on campaign_inputs(campaign_id, occurred_on);

    create table reports (
      id integer generated always as identity primary key,
      region_code char(12) not null references regions(code),
      period_kind varchar(8) not null check (period_kind in ('month','quarter')),
      period_key varchar(8) not null,
      period_from date not null,
      period_to date not null,
      -- pending: queued; retrying: an attempt failed, the job will try again; failed: it gave up.
      status varchar(10) not null check (status in ('pending','retrying','ready','failed')),
      attempts integer not null default 0,
      error varchar(2000),
      figures jsonb,
      formula_version integer,
      trigger varchar(10) not null check (trigger in ('schedule','on_demand')),
      requested_by integer references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      generated_at timestamptz,
      unique (region_code, period_kind, period_key)
    );

    create table report_files (
      report_id integer not null references reports(id),
      format varchar(4) not null check (format in ('xlsx','pdf')),
      content_type varchar(100) not null,
      bytes bytea not null,
      sha256 char(64) not null,
      created_at timestamptz not null default now(),
      primary key (report_id, format)
    );

    create table revisit_samples (
      id integer generated always as identity primary key,
      region_code char(12) not null references regions(code),
      period_kind varchar(8) not null check (period_kind in ('month','quarter')),
      period_key varchar(8) not null,
      period_from date not null,
      period_to date not null,
      seed varchar(64) not null,
      requested_size integer not null check (requested_size between 1 and 10000),
      population integer not null,
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      unique (region_code, period_kind, period_key)
    );

    create table revisit_tasks (
      id bigint generated always as identity primary key,
      sample_id integer not null references revisit_samples(id),
      evaluation_id bigint not null references evaluations(id),
      case_id bigint not null references cases(id),
      unit_id integer not null references organisations(id),
      window_id integer references organisations(id),
      region_code char(12) not null,
      org_path text not null,
      phone_masked varchar(32) not null,
      status varchar(12) not null default 'pending' check (status in ('pending','reached','not_reached')),
      satisfaction smallint check (satisfaction between 1 and 5),
      remarks varchar(500),
      answered_by integer references users(id),
      answered_at timestamptz,
      version integer not null default 1,
      unique (sample_id, evaluation_id),
      check ((status = 'reached') = (satisfaction is not null)),
      check ((status = 'pending') = (answered_at is null))
    );
    create index revisit_tasks_sample_idx on revisit_tasks(sample_id, id);
    create index revisit_tasks_answered_idx on revisit_tasks(region_code, answered_at) where status = 'reached';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists revisit_tasks, revisit_samples, report_files, reports, campaign_inputs, campaign_objects, campaign_configs, campaigns;`.execute(db);
}
