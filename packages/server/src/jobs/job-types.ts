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
  /** Manipulation detection (刷评 / 恶意评价) over the ratings stored since the last scan; flags go to the review queue. */
  'detection.scan': { schedule?: string; slot?: string };
  /** Warnings (预警), red cards (红牌) and escalations of work-order deadlines that fell due since the last run. */
  'workorders.clock': { schedule?: string; slot?: string };
  /** Queues the reports (通报) of the month and quarter just ended for every province, city and county with ratings. */
  'reports.plan': { schedule?: string; slot?: string };
  /** Generates one report's figures, XLSX and PDF; retried on failure, the report row says how it went. */
  'reports.generate': { reportId: number };
  /** Supervision alerts (督办预警) of the current and the last month: concentrated bad ratings, low-ranked units, overdue orders. */
  'supervision.alerts': { schedule?: string; slot?: string };
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
