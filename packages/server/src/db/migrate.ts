import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.ts';
import * as foundation from './migrations/20261122T1200-foundation.ts';
import * as evaluations from './migrations/20261122T1400-evaluations.ts';
import * as sms from './migrations/20261122T1410-sms.ts';
import * as devices from './migrations/20261122T1420-devices.ts';
import * as evaluationSessions from './migrations/20261122T1415-evaluation-sessions.ts';
import * as evaluationEntry from './migrations/20261122T1440-evaluation-entry.ts';
import * as publicChannels from './migrations/20261122T1450-public-channels.ts';
import * as invitations from './migrations/20261122T1430-invitations.ts';
import * as workOrders from './migrations/20261122T1500-work-orders.ts';
import * as evaluationHistory from './migrations/20261122T1505-evaluation-history.ts';
import * as writePath from './migrations/20261122T1700-write-path.ts';
import * as ratingFlags from './migrations/20261122T1610-rating-flags.ts';
import * as campaignReports from './migrations/20261122T1620-campaign-reports.ts';
import * as workOrderRequests from './migrations/20261122T1510-work-order-requests.ts';
import * as notifications from './migrations/20261122T1530-notifications.ts';
import * as workOrderFeedback from './migrations/20261122T1520-work-order-feedback.ts';
import * as statistics from './migrations/20261122T1600-statistics.ts';
import * as supervisionAlerts from './migrations/20261122T1630-supervision-alerts.ts';
import * as staffPhotos from './migrations/20261122T1820-staff-photos.ts';
import * as ratingPolicyKey from './migrations/20261122T1830-rating-policy-key.ts';

/** Every migration, in order. Names are timestamps so branches merge without renumbering. */
const migrations: Record<string, Migration> = {
  '20261122T1200-foundation': foundation,
  '20261122T1400-evaluations': evaluations,
  '20261122T1410-sms': sms,
  '20261122T1420-devices': devices,
  '20261122T1415-evaluation-sessions': evaluationSessions,
  '20261122T1440-evaluation-entry': evaluationEntry,
  '20261122T1450-public-channels': publicChannels,
  '20261122T1430-invitations': invitations,
  '20261122T1500-work-orders': workOrders,
  '20261122T1505-evaluation-history': evaluationHistory,
  '20261122T1700-write-path': writePath,
  '20261122T1610-rating-flags': ratingFlags,
  '20261122T1510-work-order-requests': workOrderRequests,
  '20261122T1530-notifications': notifications,
  '20261122T1520-work-order-feedback': workOrderFeedback,
  '20261122T1600-statistics': statistics,
  '20261122T1620-campaign-reports': campaignReports,
  '20261122T1630-supervision-alerts': supervisionAlerts,
  '20261122T1820-staff-photos': staffPhotos,
  '20261122T1830-rating-policy-key': ratingPolicyKey,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'hcp_migrations', migrationLockTableName: 'hcp_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
