import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Container } from '../container.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
import { evaluationPolicyRoutes } from './evaluation-policies/evaluation-policies.routes.ts';
import { evaluationEntryRoutes } from './evaluations/evaluation-entry.routes.ts';
import { evaluationRoutes } from './evaluations/evaluations.routes.ts';
import { smsRoutes } from './sms/sms.routes.ts';
import { publicEvaluationRoutes } from './public-evaluation/public-evaluation.routes.ts';
import { caseRoutes } from './cases/cases.routes.ts';
import { integrationCaseRoutes } from './cases/integration-cases.routes.ts';
import { integrationRoutes } from './integrations/integrations.routes.ts';
import { organisationRoutes } from './organisations/organisations.routes.ts';
import { regionRoutes } from './regions/regions.routes.ts';
import { importRoutes } from './imports/imports.routes.ts';
import { platformRoutes } from './platforms/platforms.routes.ts';
import { serviceItemRoutes } from './service-items/service-items.routes.ts';
import { staffRoutes } from './staff/staff.routes.ts';
import { deviceApiRoutes } from './devices/device-api.routes.ts';
import { deviceRoutes } from './devices/devices.routes.ts';
import { publicChannelRoutes } from './public-channels/public-channels.routes.ts';
import { suggestionRoutes } from './suggestions/suggestions.routes.ts';
import { invitationRoutes } from './invitations/invitations.routes.ts';
import { smsInboundRoutes } from './sms/sms-inbound.routes.ts';
import { workOrderRoutes } from './work-orders/work-orders.routes.ts';
import { campaignRoutes } from './campaigns/campaigns.routes.ts';
import { reportRoutes } from './reports/reports.routes.ts';
import { revisitRoutes } from './revisits/revisits.routes.ts';
import { statisticsRoutes } from './statistics/statistics.routes.ts';
import { ratingFlagRoutes } from './rating-flags/rating-flags.routes.ts';
import { workOrderRequestRoutes } from './work-orders/requests.routes.ts';
import { publicFeedbackRoutes } from './public-feedback/public-feedback.routes.ts';
import { realNameReportRoutes } from './work-orders/real-name-report.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { disclosureRoutes } from './disclosure/disclosure.routes.ts';
import { supervisionAlertRoutes } from './supervision-alerts/supervision-alerts.routes.ts';
import { statisticsExportRoutes } from './statistics-export/statistics-export.routes.ts';
import { windowPosterRoutes } from './window-posters/window-posters.routes.ts';

export interface RouteOptions {
  secureCookies: boolean;
  /** Shared secret of the SMS provider's webhooks; unset, they are closed. */
  smsWebhookToken: string | undefined;
}

/** Fastify with TypeBox types, so route handlers see their validated body, query and params typed. */
export type ApiApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export type RouteModule = (app: ApiApp, c: Container, options: RouteOptions) => Promise<void> | void;

/** Every API resource, each mounted under /api. */
export const routes: RouteModule[] = [authRoutes, regionRoutes, organisationRoutes, integrationRoutes, calendarRoutes, auditRoutes, smsRoutes, publicEvaluationRoutes, caseRoutes, integrationCaseRoutes, platformRoutes, staffRoutes, serviceItemRoutes, importRoutes, deviceRoutes, deviceApiRoutes, evaluationPolicyRoutes, evaluationRoutes, evaluationEntryRoutes, publicChannelRoutes, suggestionRoutes, invitationRoutes, smsInboundRoutes, workOrderRoutes, ratingFlagRoutes, workOrderRequestRoutes, publicFeedbackRoutes, realNameReportRoutes, notificationRoutes, statisticsRoutes, campaignRoutes, reportRoutes, revisitRoutes, supervisionAlertRoutes, statisticsExportRoutes, disclosureRoutes, windowPosterRoutes];
