import type { Container } from '../container.ts';
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
  return [cleanup, verify] as JobHandler[];
}

export const schedules: ScheduleDefinition[] = [
  { name: 'sessions-cleanup', kind: 'sessions.cleanup', everySeconds: 3600 },
  { name: 'audit-verify-daily', kind: 'audit.verify', everySeconds: 86_400 },
];
