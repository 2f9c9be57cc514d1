/**
 * Network reactivation on the dashboard: scheduled outreach sites by status today, read through
 * the network module's public listing. The week-by-week history against the plan stays on the
 * network module's own reactivation page, which the dashboard links to.
 */
import type { Db } from '../../../platform/db/database.js';
import { listServicePoints } from '../../network/index.js';

export const OUTREACH_STATUSES = ['open', 'reactivated', 'temporarily_closed', 'suspended', 'closed'] as const;
export type OutreachStatus = (typeof OUTREACH_STATUSES)[number];

export async function countOutreachSites(options: { db: Db; province?: string | undefined }): Promise<Record<OutreachStatus, number>> {
  const counts = await Promise.all(
    OUTREACH_STATUSES.map(async (status) => (await listServicePoints({ db: options.db, type: 'outreach_site', status, province: options.province, pageSize: 1 })).total),
  );
  return Object.fromEntries(OUTREACH_STATUSES.map((s, i) => [s, Number(counts[i])])) as Record<OutreachStatus, number>;
}
