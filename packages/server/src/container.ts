import type { Database } from './db/database.ts';
import { AuditRepository } from './repositories/audit.repository.ts';
import { CalendarRepository } from './repositories/calendar.repository.ts';
import { IntegrationRepository } from './repositories/integration.repository.ts';
import { JobRepository } from './repositories/job.repository.ts';
import { OrganisationRepository } from './repositories/organisation.repository.ts';
import { RegionRepository } from './repositories/region.repository.ts';
import { UserRepository } from './repositories/user.repository.ts';
import type { PiiCipher } from './security/pii-cipher.ts';
import { AuditService } from './services/audit.service.ts';
import { AuthService, type AuthSettings } from './services/auth.service.ts';
import { CalendarService } from './services/calendar.service.ts';
import { IntegrationService } from './services/integration.service.ts';
import { OrganisationService } from './services/organisation.service.ts';
import { RegionService } from './services/region.service.ts';

export interface ContainerDeps {
  db: Database;
  cipher: PiiCipher;
  auth: AuthSettings;
}

/** Builds every repository and service once; routes, jobs and the CLI take what they need from it. */
export function createContainer(deps: ContainerDeps) {
  const { db, cipher } = deps;
  const repos = {
    audit: new AuditRepository(db),
    regions: new RegionRepository(db),
    orgs: new OrganisationRepository(db),
    users: new UserRepository(db),
    integrations: new IntegrationRepository(db),
    jobs: new JobRepository(db),
    calendars: new CalendarRepository(db),
  };
  const services = {
    auth: new AuthService(db, repos.users, repos.orgs, repos.regions, repos.audit, deps.auth),
    regions: new RegionService(db, repos.regions, repos.audit),
    organisations: new OrganisationService(db, repos.orgs, repos.regions, repos.audit),
    integrations: new IntegrationService(db, repos.integrations, repos.orgs, cipher, repos.audit),
    audit: new AuditService(repos.audit),
    calendar: new CalendarService(db, repos.calendars, repos.regions, repos.audit),
  };
  return { db, cipher, repos, services };
}

export type Container = ReturnType<typeof createContainer>;
