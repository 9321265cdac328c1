import type { Database } from './db/database.ts';
import { AuditRepository } from './repositories/audit.repository.ts';
import { CalendarRepository } from './repositories/calendar.repository.ts';
import { EvaluationRepository } from './repositories/evaluation.repository.ts';
import { EvaluationListingRepository } from './repositories/evaluation-listing.repository.ts';
import { EvaluationScanRepository } from './repositories/evaluation-scan.repository.ts';
import { EvaluationSessionRepository } from './repositories/evaluation-session.repository.ts';
import { CaseRepository } from './repositories/case.repository.ts';
import { IntegrationRepository } from './repositories/integration.repository.ts';
import { JobRepository } from './repositories/job.repository.ts';
import { PiiRepository } from './repositories/pii.repository.ts';
import { SmsRepository } from './repositories/sms.repository.ts';
import { DevSmsGateway, type SmsGateway } from './sms/sms-gateway.ts';
import { SmsService } from './services/sms.service.ts';
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
import { EvaluationService } from './services/evaluation.service.ts';
import { EvaluationEntryService } from './services/evaluation-entry.service.ts';
import { EvaluationPolicyService } from './services/evaluation-policy.service.ts';
import { EvaluationQueryService } from './services/evaluation-query.service.ts';
import { PublicEvaluationService } from './services/public-evaluation.service.ts';
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
import { DeviceRepository } from './repositories/device.repository.ts';
import { DeviceHub } from './services/device-hub.ts';
import { DeviceRequestService } from './services/device-request.service.ts';
import { DeviceService } from './services/device.service.ts';
import { PublicChannelRepository } from './repositories/public-channel.repository.ts';
import { SuggestionRepository } from './repositories/suggestion.repository.ts';
import { PublicRateLimiter } from './services/public-rate-limit.ts';
import { SignedLinkService } from './services/signed-link.service.ts';
import { SuggestionService } from './services/suggestion.service.ts';
import { WindowQrService } from './services/window-qr.service.ts';
import { InvitationRepository } from './repositories/invitation.repository.ts';
import { SmsInboundRepository } from './repositories/sms-inbound.repository.ts';
import { InvitationService } from './services/invitation.service.ts';
import { SmsReplyService } from './services/sms-reply.service.ts';
import { WorkOrderRepository } from './repositories/work-order.repository.ts';
import { WorkOrderService } from './services/work-order.service.ts';

export interface ContainerDeps {
  db: Database;
  cipher: PiiCipher;
  auth: AuthSettings;
  /** Where citizens reach the server, for links in SMS and QR posters. */
  publicBaseUrl?: string;
  /** Where SMS go; the development gateway (a table the console shows) when not given. */
  smsGateway?: (repo: SmsRepository) => SmsGateway;
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
    evaluations: new EvaluationRepository(db),
    evaluationListing: new EvaluationListingRepository(db),
    evaluationScans: new EvaluationScanRepository(db),
    sms: new SmsRepository(db),
    evaluationSessions: new EvaluationSessionRepository(db),
    cases: new CaseRepository(db),
    devices: new DeviceRepository(db),
    publicChannels: new PublicChannelRepository(db),
    suggestions: new SuggestionRepository(db),
    invitations: new InvitationRepository(db),
    smsInbound: new SmsInboundRepository(db),
    workOrders: new WorkOrderRepository(db),
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
    sms: new SmsService(repos.sms, repos.jobs, cipher, (deps.smsGateway ?? ((r) => new DevSmsGateway(r)))(repos.sms)),
  };
  // Work orders open inside the transaction of each bad rating, so the evaluation service gets them.
  const workOrders = new WorkOrderService(db, repos.workOrders, repos.evaluations, services.calendar, repos.audit);
  // Case intake and evaluations count working days with the calendar service, so they are built after it.
  const caseServices = {
    cases: new CaseService(db, repos.cases, cipher, repos.audit),
    caseIntake: new CaseIntakeService(db, repos.cases, repos.orgs, services.calendar, cipher, repos.audit),
    evaluations: new EvaluationService(db, repos.evaluations, repos.regions, services.calendar, repos.audit, workOrders),
  };
  // Policy administration, staff-entered ratings, the staff listing and the GB/T 39046 export.
  const evaluationAdmin = {
    evaluationPolicies: new EvaluationPolicyService(db, repos.evaluations, repos.regions, caseServices.evaluations, repos.audit),
    evaluationEntry: new EvaluationEntryService(db, repos.cases, repos.evaluations, repos.evaluationScans, caseServices.evaluations, repos.audit),
    evaluationQueries: new EvaluationQueryService(db, repos.evaluationListing, repos.audit),
  };
  const publicEvaluations = new PublicEvaluationService(repos.evaluationSessions, caseServices.evaluations);
  // The public channels that end in an evaluation session: signed portal links, window QR codes; and the suggestion box.
  const limiter = new PublicRateLimiter(repos.publicChannels, cipher);
  const publicChannels = {
    signedLinks: new SignedLinkService(db, repos.integrations, services.integrations, repos.cases, repos.platforms, repos.regions, caseServices.evaluations, publicEvaluations, repos.publicChannels, repos.audit),
    windowQr: new WindowQrService(db, repos.publicChannels, repos.orgs, caseServices.evaluations, publicEvaluations, services.sms, limiter, cipher, repos.audit, deps.publicBaseUrl ?? ''),
    suggestions: new SuggestionService(db, repos.suggestions, repos.publicChannels, repos.orgs, repos.regions, caseServices.evaluations, limiter, cipher, repos.audit),
  };
  // Invitations by SMS (邀请评价), their reminder, and replies by SMS, which rate through the invitation's session.
  const invitations = new InvitationService({
    db, invitations: repos.invitations, cases: repos.cases, evaluationRepo: repos.evaluations, evaluations: caseServices.evaluations, calendar: services.calendar,
    publicEvaluations, sms: services.sms, cipher, audit: repos.audit, publicBaseUrl: deps.publicBaseUrl ?? 'http://localhost:3000',
  });
  const smsReplies = new SmsReplyService({
    db, invitations: repos.invitations, inbound: repos.smsInbound, invitationService: invitations, publicEvaluations, evaluations: caseServices.evaluations, sms: services.sms, cipher, audit: repos.audit,
  });
  // Window rating devices: the services tell the hub what changed, the hub asks them what to show.
  const deviceHub: DeviceHub = new DeviceHub(repos.devices, {
    evaluate: (id) => deviceServices.deviceRequests.evaluateEvent(id),
    idle: (id) => deviceServices.devices.idleState(id),
  });
  const devices = new DeviceService(db, repos.devices, repos.orgs, caseServices.evaluations, repos.audit, deviceHub, limiter);
  const deviceServices = { devices, deviceRequests: new DeviceRequestService(db, repos.devices, repos.cases, devices, caseServices.evaluations, repos.audit, deviceHub), deviceHub };
  // Imports write through the master-data services above, and cases through case intake.
  const importers = createImporters({ repos, services: { ...services, caseIntake: caseServices.caseIntake } });
  const importServices = { imports: new ImportService(db, repos.imports, repos.audit, importers) };
  return { db, cipher, repos, services: { ...services, ...caseServices, publicEvaluations, ...importServices, ...deviceServices, ...evaluationAdmin, ...publicChannels, invitations, smsReplies, workOrders } };
}

export type Container = ReturnType<typeof createContainer>;
