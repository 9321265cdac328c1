import * as audit from './console/audit.ts';
import * as calendar from './console/calendar.ts';
import * as cases from './console/cases.ts';
import * as common from './console/common.ts';
import * as devices from './console/devices.ts';
import * as evaluationPolicy from './console/evaluation-policy.ts';
import * as evaluations from './console/evaluations.ts';
import * as imports from './console/imports.ts';
import * as integrations from './console/integrations.ts';
import * as organisations from './console/organisations.ts';
import * as regions from './console/regions.ts';
import * as serviceItems from './console/service-items.ts';
import * as sms from './console/sms.ts';
import * as staff from './console/staff.ts';
import * as users from './console/users.ts';
import * as workOrders from './console/work-orders.ts';
import * as dashboard from './console/dashboard.ts';
import * as supervision from './console/supervision.ts';
import * as campaignReports from './console/campaign-reports.ts';

const parts = [common, regions, organisations, staff, serviceItems, cases, calendar, users, integrations, audit, imports, evaluations, evaluationPolicy, devices, sms, workOrders, dashboard, supervision, campaignReports];

/** The staff console's messages, one file per area in ./console; loaded with the console's code. */
export const CONSOLE_MESSAGES = {
  'zh-CN': Object.assign({}, ...parts.map((p) => p.zh)) as ConsoleMessages,
  en: Object.assign({}, ...parts.map((p) => p.en)) as ConsoleMessages,
};

type ConsoleMessages = Record<ConsoleMessageKey, string>;

export type ConsoleMessageKey =
  | keyof typeof common.zh
  | keyof typeof regions.zh
  | keyof typeof organisations.zh
  | keyof typeof staff.zh
  | keyof typeof serviceItems.zh
  | keyof typeof cases.zh
  | keyof typeof calendar.zh
  | keyof typeof users.zh
  | keyof typeof integrations.zh
  | keyof typeof audit.zh
  | keyof typeof imports.zh
  | keyof typeof evaluations.zh
  | keyof typeof evaluationPolicy.zh
  | keyof typeof devices.zh
  | keyof typeof sms.zh
  | keyof typeof workOrders.zh
  | keyof typeof dashboard.zh
  | keyof typeof supervision.zh
  | keyof typeof campaignReports.zh;
