import { sql, type Kysely } from 'kysely';

/** Master data, cases, staff access, calendar overrides, audit log, jobs and schedules. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table regions (
      code char(12) primary key check (code ~ '^[0-9]{12}$'),
      name varchar(100) not null,
      level smallint not null check (level between 1 and 5),
      parent_code char(12) references regions(code),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index regions_parent_idx on regions(parent_code);

    create table organisations (
      id integer generated always as identity primary key,
      region_code char(12) not null references regions(code),
      parent_id integer references organisations(id),
      path text not null default '',
      kind varchar(16) not null check (kind in ('unit','hall','center','station','window')),
      code varchar(64),
      name varchar(200) not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index organisations_region_idx on organisations(region_code);
    create index organisations_path_idx on organisations(path text_pattern_ops);
    create unique index organisations_code_uniq on organisations(region_code, kind, code) where code is not null;

    create table platforms (
      id integer generated always as identity primary key,
      region_code char(12) not null references regions(code),
      kind varchar(20) not null check (kind in ('business_system','web_portal','app','mini_program','terminal','hotline')),
      code varchar(64) not null,
      name varchar(200) not null,
      url varchar(500),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      unique (region_code, code)
    );

    create table staff (
      id integer generated always as identity primary key,
      org_id integer not null references organisations(id),
      employee_no varchar(32) not null,
      name varchar(50) not null,
      title varchar(50),
      photo_url varchar(500),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, employee_no)
    );
    create table staff_windows (
      staff_id integer not null references staff(id) on delete cascade,
      window_id integer not null references organisations(id),
      primary key (staff_id, window_id)
    );

    create table service_items (
      id integer generated always as identity primary key,
      item_code varchar(64) not null,
      version integer not null,
      name varchar(200) not null,
      legal_basis text not null default '',
      item_type varchar(24) not null,
      promised_days integer not null check (promised_days >= 0),
      statutory_days integer,
      fee varchar(200) not null default '',
      owner_org_id integer not null references organisations(id),
      region_code char(12) not null references regions(code),
      created_at timestamptz not null default now(),
      superseded_at timestamptz,
      unique (item_code, version)
    );
    create unique index service_items_current_uniq on service_items(item_code) where superseded_at is null;
    create index service_items_owner_idx on service_items(owner_org_id);

    create table integrations (
      id integer generated always as identity primary key,
      name varchar(100) not null unique,
      key_id varchar(32) not null unique,
      secret_hash char(64) not null,
      secret_enc text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      last_used_at timestamptz
    );
    create table integration_units (
      integration_id integer not null references integrations(id) on delete cascade,
      org_id integer not null references organisations(id),
      primary key (integration_id, org_id)
    );

    create table cases (
      id bigint generated always as identity primary key,
      case_no varchar(50) not null unique,
      item_id integer not null references service_items(id),
      item_code varchar(64) not null,
      unit_id integer not null references organisations(id),
      org_path text not null,
      window_id integer references organisations(id),
      staff_id integer references staff(id),
      region_code char(12) not null references regions(code),
      channel varchar(8) not null check (channel in ('online','offline')),
      case_type smallint not null default 2 check (case_type in (1,2,9)),
      applicant_type smallint not null check (applicant_type between 1 and 6),
      applicant_name_enc text,
      applicant_name_masked varchar(100),
      applicant_id_enc text,
      applicant_id_bidx char(64),
      applicant_id_masked varchar(64),
      applicant_phone_enc text,
      applicant_phone_bidx char(64),
      applicant_phone_masked varchar(32),
      stage varchar(16) not null,
      stage_at timestamptz not null,
      accepted_at timestamptz,
      completed_at timestamptz,
      promised_deadline timestamptz,
      integration_id integer references integrations(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index cases_region_idx on cases(region_code);
    create index cases_unit_idx on cases(unit_id);
    create index cases_org_path_idx on cases(org_path text_pattern_ops);
    create index cases_completed_idx on cases(completed_at) where completed_at is not null;
    create index cases_phone_bidx_idx on cases(applicant_phone_bidx) where applicant_phone_bidx is not null;
    create index cases_id_bidx_idx on cases(applicant_id_bidx) where applicant_id_bidx is not null;

    create table case_stages (
      case_id bigint not null references cases(id) on delete cascade,
      stage varchar(16) not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null default now(),
      note varchar(500),
      primary key (case_id, stage)
    );

    create table users (
      id integer generated always as identity primary key,
      username varchar(64) not null unique,
      display_name varchar(100) not null,
      password_hash text not null,
      role varchar(16) not null check (role in ('clerk','unit_admin','supervisor','operator','auditor','sysadmin')),
      scope_region_code char(12) references regions(code),
      scope_org_id integer references organisations(id),
      staff_id integer references staff(id),
      failed_logins integer not null default 0,
      locked_until timestamptz,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      last_login_at timestamptz
    );
    create table sessions (
      id char(64) primary key,
      user_id integer not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip varchar(64),
      user_agent varchar(300)
    );
    create index sessions_user_idx on sessions(user_id);

    -- region_code '000000000000' is the national layer, below it any region's own corrections.
    create table calendar_overrides (
      id integer generated always as identity primary key,
      region_code char(12) not null check (region_code ~ '^[0-9]{12}$'),
      version integer not null,
      day date not null,
      kind varchar(8) not null check (kind in ('workday','holiday','clear')),
      name varchar(100),
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      unique (region_code, version, day)
    );
    create index calendar_overrides_region_idx on calendar_overrides(region_code, day);

    create table imports (
      id integer generated always as identity primary key,
      kind varchar(24) not null,
      filename varchar(300) not null,
      status varchar(12) not null check (status in ('applied','rejected')),
      rows_total integer not null,
      rows_applied integer not null,
      errors jsonb not null default '[]',
      created_by integer references users(id),
      created_at timestamptz not null default now()
    );

    create table audit_log (
      seq bigint generated always as identity primary key,
      at timestamptz not null,
      actor_type varchar(16) not null,
      actor_id varchar(64),
      action varchar(64) not null,
      target_type varchar(32),
      target_id varchar(64),
      request_id varchar(64),
      detail jsonb not null default '{}',
      prev_hash char(64) not null,
      hash char(64) not null
    );
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only();

    create table jobs (
      id bigint generated always as identity primary key,
      kind varchar(64) not null,
      payload jsonb not null default '{}',
      status varchar(8) not null default 'pending' check (status in ('pending','running','done','dead')),
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 8,
      locked_by varchar(64),
      locked_until timestamptz,
      last_error text,
      dedupe_key varchar(200) unique,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index jobs_due_idx on jobs(run_at) where status in ('pending','running');

    create table schedules (
      name varchar(64) primary key,
      every_seconds integer not null check (every_seconds > 0),
      job_kind varchar(64) not null,
      next_run_at timestamptz not null,
      last_run_at timestamptz,
      last_fired_by varchar(64)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists schedules, jobs, audit_log, imports, calendar_overrides, sessions, users,
      case_stages, cases, integration_units, integrations, service_items, staff_windows, staff,
      platforms, organisations, regions cascade;
    drop function if exists audit_log_append_only();
  `.execute(db);
}
