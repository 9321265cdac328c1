/** Every job kind and its payload. A handler is typed by the kind it serves. */
export interface JobPayloads {
  'sessions.cleanup': { schedule?: string; slot?: string };
  'audit.verify': { schedule?: string; slot?: string };
}

export type JobKind = keyof JobPayloads;

export interface JobHandler<K extends JobKind = JobKind> {
  kind: K;
  /** Seconds a claimed job may run before another worker may take it over. */
  leaseSeconds?: number;
  run(payload: JobPayloads[K], meta: { jobId: number; attempt: number }): Promise<void>;
}

/** A recurring job: the scheduler enqueues `kind` every `everySeconds`. */
export interface ScheduleDefinition {
  name: string;
  kind: JobKind;
  everySeconds: number;
}
