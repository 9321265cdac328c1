import type { Container } from '../container.ts';
import { systemCtx } from '../services/actor.ts';
import type { JobHandler, ScheduleDefinition } from './job-types.ts';

/** The handler of every job kind, wired to the services. */
export function createJobHandlers(c: Container, log: { warn: (o: object, m: string) => void }): JobHandler[] {
  const cleanup: JobHandler<'sessions.cleanup'> = {
    kind: 'sessions.cleanup',
    async run() {
      await c.repos.users.deleteExpiredSessions(new Date());
    },
  };
  const verify: JobHandler<'audit.verify'> = {
    kind: 'audit.verify',
    leaseSeconds: 1800,
    async run() {
      const result = await c.repos.audit.verify();
      if (result.brokenAt !== null) log.warn({ ...result }, 'AUDIT CHAIN BROKEN');
    },
  };
  const defaults: JobHandler<'evaluations.default'> = {
    kind: 'evaluations.default',
    leaseSeconds: 1800,
    async run() {
      await c.services.evaluations.recordDefaults(systemCtx('evaluations.default'), new Date(), 10_000);
    },
  };
  const sms: JobHandler<'sms.send'> = {
    kind: 'sms.send',
    run: (payload, meta) => c.services.sms.deliver(payload.messageId, meta.attempt, meta.maxAttempts),
  };
  const invite: JobHandler<'invitations.send'> = {
    kind: 'invitations.send',
    leaseSeconds: 1800,
    async run() {
      await c.services.invitations.invite(systemCtx('invitations.send'), new Date(), 500);
    },
  };
  const remind: JobHandler<'invitations.remind'> = {
    kind: 'invitations.remind',
    leaseSeconds: 1800,
    async run() {
      await c.services.invitations.remind(systemCtx('invitations.remind'), new Date(), 500);
    },
  };
  const clock: JobHandler<'workorders.clock'> = {
    kind: 'workorders.clock',
    leaseSeconds: 1800,
    async run() {
      await c.services.workOrderAlerts.run(systemCtx('workorders.clock'), 500);
    },
  };
  const detect: JobHandler<'detection.scan'> = {
    kind: 'detection.scan',
    leaseSeconds: 1800,
    async run() {
      await c.services.detection.scan(systemCtx('detection.scan'), new Date(), 500);
    },
  };
  const reportPlan: JobHandler<'reports.plan'> = {
    kind: 'reports.plan',
    async run() {
      await c.services.reports.plan();
    },
  };
  const reportGenerate: JobHandler<'reports.generate'> = {
    kind: 'reports.generate',
    leaseSeconds: 900,
    run: (payload, meta) => c.services.reports.generate(payload.reportId, meta.attempt, meta.maxAttempts),
  };
  const supervise: JobHandler<'supervision.alerts'> = {
    kind: 'supervision.alerts',
    leaseSeconds: 1800,
    async run() {
      await c.services.supervisionAlerts.run(systemCtx('supervision.alerts'));
    },
  };
  return [supervise, reportPlan, reportGenerate, detect, cleanup, verify, sms, defaults, invite, remind, clock] as JobHandler[];
}

export const schedules: ScheduleDefinition[] = [
  { name: 'sessions-cleanup', kind: 'sessions.cleanup', everySeconds: 3600 },
  { name: 'audit-verify-daily', kind: 'audit.verify', everySeconds: 86_400 },
  { name: 'evaluations-default', kind: 'evaluations.default', everySeconds: 600 },
  { name: 'invitations-send', kind: 'invitations.send', everySeconds: 300 },
  { name: 'invitations-remind', kind: 'invitations.remind', everySeconds: 300 },
  { name: 'detection-scan', kind: 'detection.scan', everySeconds: 600 },
  { name: 'workorders-clock', kind: 'workorders.clock', everySeconds: 600 },
  { name: 'reports-plan', kind: 'reports.plan', everySeconds: 3600 },
  // Daily is enough: the alerts are per month, and each is raised once.
  { name: 'supervision-alerts', kind: 'supervision.alerts', everySeconds: 86_400 },
];
