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
import { DetectionRepository } from './repositories/detection.repository.ts';
import { DetectionService } from './services/detection.service.ts';
import { NotificationRepository } from './repositories/notification.repository.ts';
import { RealNameReportRepository } from './repositories/real-name-report.repository.ts';
import { WorkOrderAlertRepository } from './repositories/work-order-alert.repository.ts';
import { NotificationService } from './services/notification.service.ts';
import { RealNameReportService } from './services/real-name-report.service.ts';
import { WorkOrderAlertService } from './services/work-order-alert.service.ts';
import { WorkOrderAttachmentRepository } from './repositories/work-order-attachment.repository.ts';
import { WorkOrderRequestRepository } from './repositories/work-order-request.repository.ts';
import { WorkOrderAttachmentService } from './services/work-order-attachment.service.ts';
import { WorkOrderRequestService } from './services/work-order-request.service.ts';
import { WorkOrderFeedbackRepository } from './repositories/work-order-feedback.repository.ts';
import { WorkOrderFeedbackService } from './services/work-order-feedback.service.ts';
import { WorkOrderPublicService } from './services/work-order-public.service.ts';
import { StatisticsRepository } from './repositories/statistics.repository.ts';
import { StatisticsService } from './services/statistics.service.ts';
import { CampaignRepository } from './repositories/campaign.repository.ts';
import { ReportRepository } from './repositories/report.repository.ts';
import { RevisitRepository } from './repositories/revisit.repository.ts';
import { CampaignService } from './services/campaign.service.ts';
import { ReportService } from './services/report.service.ts';
import { RevisitService } from './services/revisit.service.ts';
import { SupervisionAlertRepository } from './repositories/supervision-alert.repository.ts';
import { SupervisionAlertService } from './services/supervision-alert.service.ts';
import { StatisticsExportService } from './services/statistics-export.service.ts';
import { DisclosureRepository } from './repositories/disclosure.repository.ts';
import { DisclosureService } from './services/disclosure.service.ts';

export interface ContainerDeps {
  db: Database;
  cipher: PiiCipher;
  auth: AuthSettings;
  /** Where citizens reach the server, for links in SMS and QR posters. */
  publicBaseUrl?: string;
  /** Where SMS go; the development gateway (a table the console shows) when not given. */
  smsGateway?: (repo: SmsRepository) => SmsGateway;
  /**
   * The clock of the services that date what they record (ratings, work-order steps, requests, alerts,
   * reports, samples); real time when not given. The demo seed drives one to write a county's history.
   */
  now?: () => Date;
}

/** Builds every repository and service once; routes, jobs and the CLI take what they need from it. */
export function createContainer(deps: ContainerDeps) {
  const { db, cipher } = deps;
  const now = deps.now ?? (() => new Date());
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
    detection: new DetectionRepository(db),
    notifications: new NotificationRepository(db),
    workOrderAlerts: new WorkOrderAlertRepository(db),
    realNameReport: new RealNameReportRepository(db),
    workOrderAttachments: new WorkOrderAttachmentRepository(db),
    workOrderRequests: new WorkOrderRequestRepository(db),
    workOrderFeedback: new WorkOrderFeedbackRepository(db),
    statistics: new StatisticsRepository(db),
    campaigns: new CampaignRepository(db),
    reports: new ReportRepository(db),
    revisits: new RevisitRepository(db),
    supervisionAlerts: new SupervisionAlertRepository(db),
    disclosure: new DisclosureRepository(db),
  };
  const services = {
    auth: new AuthService(db, repos.users, repos.orgs, repos.regions, repos.audit, deps.auth),
    regions: new RegionService(db, repos.regions, repos.audit),
    organisations: new OrganisationService(db, repos.orgs, repos.regions, repos.audit),
    integrations: new IntegrationService(db, repos.integrations, repos.orgs, cipher, repos.audit),
    platforms: new PlatformService(db, repos.platforms, repos.regions, repos.audit),
    staff: new StaffService(db, repos.staff, repos.orgs, repos.audit, cipher),
    serviceItems: new ServiceItemService(db, repos.serviceItems, repos.orgs, repos.regions, repos.audit),
    audit: new AuditService(repos.audit),
    keyRotation: new KeyRotationService(db, repos.pii, cipher, repos.audit),
    calendar: new CalendarService(db, repos.calendars, repos.regions, repos.audit),
    sms: new SmsService(repos.sms, repos.jobs, cipher, (deps.smsGateway ?? ((r) => new DevSmsGateway(r)))(repos.sms)),
  };
  // Work orders open inside the transaction of each bad rating, so the evaluation service gets them.
  // Feedback (整改反馈) texts the evaluator a link to their page; a satisfied revisit (回访) records the new
  // rating through the evaluation service, which is built below (so it is looked up when called).
  const workOrderFeedback = new WorkOrderFeedbackService(repos.workOrderFeedback, services.sms, cipher, deps.publicBaseUrl ?? 'http://localhost:3000');
  const workOrders: WorkOrderService = new WorkOrderService(db, repos.workOrders, repos.evaluations, services.calendar, repos.audit, {
    feedback: workOrderFeedback,
    record: (ctx, input, inSameTransaction) => caseServices.evaluations.record(ctx, input, inSameTransaction),
  }, now);
  // Case intake and evaluations count working days with the calendar service, so they are built after it.
  const caseServices = {
    cases: new CaseService(db, repos.cases, cipher, repos.audit),
    caseIntake: new CaseIntakeService(db, repos.cases, repos.orgs, services.calendar, cipher, repos.audit, now),
    evaluations: new EvaluationService(db, repos.evaluations, repos.regions, services.calendar, repos.audit, workOrders, now),
  };
  // Policy administration, staff-entered ratings, the staff listing and the GB/T 39046 export.
  const evaluationAdmin = {
    evaluationPolicies: new EvaluationPolicyService(db, repos.evaluations, repos.regions, caseServices.evaluations, repos.audit),
    evaluationEntry: new EvaluationEntryService(db, repos.cases, repos.evaluations, repos.evaluationScans, caseServices.evaluations, repos.audit),
    evaluationQueries: new EvaluationQueryService(db, repos.evaluationListing, repos.audit),
  };
  const publicEvaluations = new PublicEvaluationService(repos.evaluationSessions, caseServices.evaluations, (ip) => limiter.ipHash(ip));
  // Requests on work orders (延期, 复核申诉, 无法整改), reassignment (转办) and attachments (附件).
  const workOrderExtras = {
    workOrderRequests: new WorkOrderRequestService({ db, orders: repos.workOrders, requests: repos.workOrderRequests, attachments: repos.workOrderAttachments, evaluations: repos.evaluations, orgs: repos.orgs, calendar: services.calendar, audit: repos.audit, now }),
    workOrderAttachments: new WorkOrderAttachmentService({ db, orders: repos.workOrders, attachments: repos.workOrderAttachments, evaluations: repos.evaluations, audit: repos.audit, now }),
  };
  // The evaluator's feedback page with the online revisit, and the published replies (公开答复).
  const workOrderPublic = new WorkOrderPublicService(workOrderFeedback, repos.workOrderFeedback, repos.workOrders, repos.evaluations, workOrders, (r) => caseServices.evaluations.policyFor(r));
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
  // In-app notifications (站内通知); the work-order clock raises warnings and red cards into them; real-name tracking.
  const notifications = new NotificationService(repos.notifications, now);
  const supervision = {
    notifications,
    workOrderAlerts: new WorkOrderAlertService({ db, alerts: repos.workOrderAlerts, orders: repos.workOrders, evaluations: repos.evaluations, calendar: services.calendar, notifications, audit: repos.audit, now }),
    realNameReport: new RealNameReportService(db, repos.realNameReport, repos.audit),
  };
  // Manipulation detection (刷评 / 恶意评价): the scan reads each rating's region policy through the evaluation service.
  const detection = new DetectionService(db, repos.detection, caseServices.evaluations, repos.audit, now);
  // Statistics and rankings read the rollups the database keeps; rankings read each region's policy.
  const statistics = new StatisticsService(db, repos.statistics, repos.orgs, repos.staff, repos.serviceItems, repos.regions, (r) => caseServices.evaluations.policyFor(r), repos.audit);
  // The mass-evaluation campaign (群众评议), reports (通报) from the statistics rollups, and 监督查评 samples.
  const campaignReports = {
    campaigns: new CampaignService(db, repos.campaigns, repos.regions, repos.orgs, repos.audit, now),
    reports: new ReportService({
      db, reports: repos.reports, regions: repos.regions, jobs: repos.jobs, audit: repos.audit,
      figures: { stats: repos.statistics, reports: repos.reports, orgs: repos.orgs },
      rankingFor: async (r) => (await caseServices.evaluations.policyFor(r)).policy.ranking,
      now,
    }),
    revisits: new RevisitService(db, repos.revisits, repos.regions, cipher, repos.audit, now),
  };
  // Supervision alerts (督办预警) from the rollups with each region's thresholds, told through notifications;
  // the statistics and rankings as XLSX.
  const supervisionAlerts = new SupervisionAlertService({ db, alerts: repos.supervisionAlerts, stats: repos.statistics, notifications, policyFor: (r) => caseServices.evaluations.policyFor(r), audit: repos.audit, now });
  const statisticsExport = new StatisticsExportService(db, statistics, repos.audit);
  // The public disclosure portal (公开): the rollups and replies as each region's publication rules allow.
  const disclosure = new DisclosureService(repos.disclosure, repos.statistics, repos.regions, repos.evaluations, (r) => caseServices.evaluations.policyFor(r));
  // Imports write through the master-data services above, and cases through case intake.
  const importers = createImporters({ repos, services: { ...services, caseIntake: caseServices.caseIntake, campaigns: campaignReports.campaigns } });
  const importServices = { imports: new ImportService(db, repos.imports, repos.audit, importers) };
  return { db, cipher, deps, repos, services: { ...services, ...caseServices, publicEvaluations, ...importServices, ...deviceServices, ...evaluationAdmin, ...publicChannels, invitations, smsReplies, workOrders, detection, ...workOrderExtras, workOrderFeedback, workOrderPublic, ...supervision, statistics, ...campaignReports, supervisionAlerts, statisticsExport, disclosure } };
}

export type Container = ReturnType<typeof createContainer>;
