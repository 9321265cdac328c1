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
      await c.services.evaluations.recordDefaults(systemCtx('evaluations.default'), new Date(), 500);
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
  return [cleanup, verify, sms, defaults, invite, remind] as JobHandler[];
}

export const schedules: ScheduleDefinition[] = [
  { name: 'sessions-cleanup', kind: 'sessions.cleanup', everySeconds: 3600 },
  { name: 'audit-verify-daily', kind: 'audit.verify', everySeconds: 86_400 },
  { name: 'evaluations-default', kind: 'evaluations.default', everySeconds: 600 },
  { name: 'invitations-send', kind: 'invitations.send', everySeconds: 300 },
  { name: 'invitations-remind', kind: 'invitations.remind', everySeconds: 300 },
];
