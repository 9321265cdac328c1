/** Every job kind and its payload. A handler is typed by the kind it serves. */
export interface JobPayloads {
  'sessions.cleanup': { schedule?: string; slot?: string };
  'audit.verify': { schedule?: string; slot?: string };
  /** Default ratings (默认评价) of every case whose evaluation period ran out unrated. */
  'evaluations.default': { schedule?: string; slot?: string };
  'sms.send': { messageId: number };
  /** Invitations by SMS (邀请评价) of every case whose evaluation opened since the last run. */
  'invitations.send': { schedule?: string; slot?: string };
  /** The one reminder of invitations still unrated when it is due. */
  'invitations.remind': { schedule?: string; slot?: string };
}

export type JobKind = keyof JobPayloads;

export interface JobHandler<K extends JobKind = JobKind> {
  kind: K;
  /** Seconds a claimed job may run before another worker may take it over. */
  leaseSeconds?: number;
  run(payload: JobPayloads[K], meta: { jobId: number; attempt: number; maxAttempts: number }): Promise<void>;
}

/** A recurring job: the scheduler enqueues `kind` every `everySeconds`. */
export interface ScheduleDefinition {
  name: string;
  kind: JobKind;
  everySeconds: number;
}
