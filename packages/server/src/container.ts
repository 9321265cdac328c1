import type { Database } from './db/database.ts';
import { AuditRepository } from './repositories/audit.repository.ts';
import { CalendarRepository } from './repositories/calendar.repository.ts';
import { CaseRepository } from './repositories/case.repository.ts';
import { IntegrationRepository } from './repositories/integration.repository.ts';
import { JobRepository } from './repositories/job.repository.ts';
import { PiiRepository } from './repositories/pii.repository.ts';
import { OrganisationRepository } from './repositories/organisation.repository.ts';
import { RegionRepository } from './repositories/region.repository.ts';
import { UserRepository } from './repositories/user.repository.ts';
import { ImportRepository } from './repositories/import.repository.ts';
import { PlatformRepository } from './repositories/platform.repository.ts';
import { ServiceItemRepository } from './repositories/service-item.repository.ts';
import { StaffRepository } from './repositories/staff.repository.ts';
import type { PiiCipher } from './security/pii-cipher.ts';
import { AuditService } from './services/audit.service.ts';
import { AuthService, type AuthSettings } from './services/auth.service.ts';
import { CalendarService } from './services/calendar.service.ts';
import { CaseIntakeService } from './services/case-intake.service.ts';
import { CaseService } from './services/case.service.ts';
import { IntegrationService } from './services/integration.service.ts';
import { KeyRotationService } from './services/key-rotation.service.ts';
import { OrganisationService } from './services/organisation.service.ts';
import { RegionService } from './services/region.service.ts';
import { ImportService } from './services/import.service.ts';
import { createImporters } from './services/importers/importers.ts';
import { PlatformService } from './services/platform.service.ts';
import { ServiceItemService } from './services/service-item.service.ts';
import { StaffService } from './services/staff.service.ts';

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
    platforms: new PlatformRepository(db),
    staff: new StaffRepository(db),
    serviceItems: new ServiceItemRepository(db),
    imports: new ImportRepository(db),
    calendars: new CalendarRepository(db),
    pii: new PiiRepository(db),
    cases: new CaseRepository(db),
  };
  const services = {
    auth: new AuthService(db, repos.users, repos.orgs, repos.regions, repos.audit, deps.auth),
    regions: new RegionService(db, repos.regions, repos.audit),
    organisations: new OrganisationService(db, repos.orgs, repos.regions, repos.audit),
    integrations: new IntegrationService(db, repos.integrations, repos.orgs, cipher, repos.audit),
    platforms: new PlatformService(db, repos.platforms, repos.regions, repos.audit),
    staff: new StaffService(db, repos.staff, repos.orgs, repos.audit),
    serviceItems: new ServiceItemService(db, repos.serviceItems, repos.orgs, repos.regions, repos.audit),
    audit: new AuditService(repos.audit),
    keyRotation: new KeyRotationService(db, repos.pii, cipher, repos.audit),
    calendar: new CalendarService(db, repos.calendars, repos.regions, repos.audit),
  };
  // Case intake counts promised deadlines with the calendar service, so it is built after it.
  const caseServices = {
    cases: new CaseService(db, repos.cases, cipher, repos.audit),
    caseIntake: new CaseIntakeService(db, repos.cases, repos.orgs, services.calendar, cipher, repos.audit),
  };
  // Imports write through the master-data services above.
  const importServices = { imports: new ImportService(db, repos.imports, repos.audit, createImporters({ repos, services })) };
  return { db, cipher, repos, services: { ...services, ...caseServices, ...importServices } };
}

export type Container = ReturnType<typeof createContainer>;
