import { sql, type Kysely } from 'kysely';
import { NATIONAL_DEFAULT_POLICY } from '@hcp/domain';

/** Evaluation policies per region (versioned) and the evaluations themselves. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- region_code '000000000000' is the national policy; a region uses its nearest ancestor's latest version.
    create table evaluation_policies (
      id integer generated always as identity primary key,
      region_code char(12) not null check (region_code ~ '^[0-9]{12}$'),
      version integer not null,
      policy jsonb not null,
      note varchar(200),
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      unique (region_code, version)
    );

    create table evaluations (
      id bigint generated always as identity primary key,
      case_id bigint not null references cases(id),
      visit_no smallint not null default 1 check (visit_no between 1 and 99),
      round smallint not null check (round between 1 and 4),
      kind varchar(8) not null check (kind in ('active','default')),
      level smallint not null check (level between 1 and 5),
      bad boolean not null,
      tags text[] not null default '{}',
      text varchar(2000),
      scores jsonb not null default '{}',
      channel varchar(16) not null,
      policy_id integer not null references evaluation_policies(id),
      real_name boolean not null default false,
      evaluator_name_enc text,
      evaluator_phone_enc text,
      evaluator_phone_bidx char(64),
      item_id integer not null references service_items(id),
      unit_id integer not null references organisations(id),
      window_id integer references organisations(id),
      hall_id integer references organisations(id),
      platform_id integer references platforms(id),
      staff_id integer references staff(id),
      region_code char(12) not null,
      org_path text not null,
      entered_by integer references users(id),
      scan_ref varchar(300),
      source_ref varchar(100),
      idempotency_key varchar(100) unique,
      submitted_at timestamptz not null,
      created_at timestamptz not null default now(),
      unique (case_id, visit_no, round)
    );
    create index evaluations_region_idx on evaluations(region_code, submitted_at);
    create index evaluations_org_path_idx on evaluations(org_path text_pattern_ops);
    create index evaluations_staff_idx on evaluations(staff_id, submitted_at);
  `.execute(db);
  await sql`insert into evaluation_policies (region_code, version, policy, note)
    values ('000000000000', 1, ${JSON.stringify(NATIONAL_DEFAULT_POLICY)}::jsonb, '国家默认评价规则')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists evaluations, evaluation_policies cascade`.execute(db);
}
