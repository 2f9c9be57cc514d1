/**
 * How good the live wait estimate is: two simulated days at one office through the real services
 * (check-in, call-next, complete) on a clock that the simulation moves. Clients arrive at random
 * (Poisson), services take a random time (log-normal, mean about 12 minutes), three counters call
 * whenever they are free. The second day is measured: the range each client was given at check-in
 * against the wait that happened, compared with a naive estimate (clients ahead × 12 min ÷ counters).
 */
import { randomUUID } from 'node:crypto';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { systemActor } from '../src/platform/audit.repo.js';
import { fixedClock } from '../src/platform/clock.js';
import type { Database } from '../src/platform/db/database.js';
import { callNext, checkInVisit, getEstimateAccuracy, openCounter, rollOverDueSites, transitionVisit } from '../src/modules/visits/index.js';
import type { BenchResult } from './network.js';

const COUNTERS = 3;
const ARRIVALS_PER_HOUR = 13;
const MEAN_SERVICE_MINUTES = 12;

export async function waitEstimateError(database: Database): Promise<BenchResult> {
  const db = database.db;
  const rng = xoroshiro128plus(2026);
  const uniform = () => uniformFloat64(rng);
  const exponential = (mean: number) => -Math.log(1 - uniform()) * mean;
  // Log-normal with sigma 0.5 around the mean: most services near 12 minutes, a few long ones.
  const serviceMinutes = () => Math.exp(Math.log(MEAN_SERVICE_MINUTES) - 0.125 + 0.5 * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()));
  const site = await db
    .insertInto('service_points')
    .values({ code: 'SIM-1', external_id: 'SIM-1', type: 'scc', name_en: 'Simulated office', name_fr: 'Bureau simulé', address_line: '1 Main', city: 'Ottawa', province_code: 'ON', latitude: 45.42, longitude: -75.69, time_zone: 'America/Toronto' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('service_point_services').values({ service_point_id: site.id, service_code: 'passport' }).execute();
  const actor = systemActor('simulation');
  const naive: { estimate: number; joinedAt: number; id: string }[] = [];
  let measuredFrom = 0;
  for (const day of ['2026-11-24', '2026-11-25']) {
    const clock = fixedClock(`${day}T13:30:00Z`);
    const close = new Date(`${day}T21:30:00Z`).getTime();
    if (day === '2026-11-25') measuredFrom = clock.now().getTime();
    await rollOverDueSites({ db, clock, actor });
    const counters = [];
    for (let i = 0; i < COUNTERS; i++) counters.push({ id: (await openCounter({ db, clock, actor, siteRef: site.id, name: `${day}-${i}`, services: ['passport'] })).id, busyUntil: 0, serving: null as string | null });
    let nextArrival = clock.now().getTime() + exponential(60 / ARRIVALS_PER_HOUR) * 60_000;
    // Step through the day a minute at a time: arrivals, completions, then free counters call.
    for (let now = clock.now().getTime(); now < close + 4 * 3_600_000; now += 60_000) {
      clock.set(new Date(now));
      while (nextArrival <= now && now < close) {
        const { visit, position } = await checkInVisit({ db, clock, actor, siteRef: site.id, service: 'passport', channel: 'walk_in', language: 'en', inBuilding: true });
        naive.push({ id: visit.id, joinedAt: now, estimate: ((position - 1) * MEAN_SERVICE_MINUTES) / COUNTERS });
        nextArrival += exponential(60 / ARRIVALS_PER_HOUR) * 60_000;
      }
      for (const counter of counters) {
        if (counter.serving && counter.busyUntil <= now) {
          await transitionVisit({ db, clock, actor, visitId: counter.serving, action: 'complete', outcome: 'served' });
          counter.serving = null;
        }
        if (!counter.serving) {
          const visit = await callNext({ db, clock, actor, counterId: counter.id, idempotencyKey: randomUUID() });
          if (visit) {
            counter.serving = visit.id;
            counter.busyUntil = now + serviceMinutes() * 60_000;
          }
        }
      }
    }
  }
  const accuracy = await getEstimateAccuracy({ actor: systemActor('bench'), db, siteId: site.id, since: new Date(measuredFrom) });
  const waits = await db.selectFrom('visits').select(['id', 'arrived_at', 'first_called_at']).where('service_point_id', '=', site.id).where('arrived_at', '>=', new Date(measuredFrom)).execute();
  const actual = new Map(waits.map((w) => [w.id, (w.first_called_at!.getTime() - w.arrived_at.getTime()) / 60_000]));
  const measured = naive.filter((n) => n.joinedAt >= measuredFrom && actual.has(n.id));
  const naiveMae = measured.reduce((sum, n) => sum + Math.abs(n.estimate - actual.get(n.id)!), 0) / measured.length;
  const meanWait = [...actual.values()].reduce((a, b) => a + b, 0) / actual.size;
  return {
    name: 'visits-wait-estimate-mae',
    figure: accuracy.meanAbsoluteErrorMinutes ?? 0,
    unit: 'minutes (mean absolute error of the range midpoint)',
    baseline: { name: 'naive-ahead-times-12-min-mae', figure: Number(naiveMae.toFixed(1)) },
    ratio: Number(((accuracy.meanAbsoluteErrorMinutes ?? 0) / naiveMae).toFixed(3)),
    detail: {
      clients: accuracy.count,
      withinRangeShare: accuracy.withinRangeShare ?? 0,
      meanSignedErrorMinutes: accuracy.meanSignedErrorMinutes ?? 0,
      meanActualWaitMinutes: Number(meanWait.toFixed(1)),
      counters: COUNTERS,
      arrivalsPerHour: ARRIVALS_PER_HOUR,
      meanServiceMinutes: MEAN_SERVICE_MINUTES,
    },
  };
}
