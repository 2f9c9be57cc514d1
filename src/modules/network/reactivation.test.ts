import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mondaysBetween, weeklyReactivation } from './reactivation.js';

test('weeks start on Mondays', () => {
  assert.deepEqual(mondaysBetween('2023-04-19', '2023-05-01'), ['2023-04-17', '2023-04-24', '2023-05-01']);
});

test('each week counts the status each site had by its end, reactivations of the week, and the plan', () => {
  const events = [
    { servicePointId: 'a', status: 'open' as const, effectiveOn: '2019-04-01' },
    { servicePointId: 'a', status: 'suspended' as const, effectiveOn: '2020-03-16' },
    { servicePointId: 'a', status: 'reactivated' as const, effectiveOn: '2023-04-19' },
    { servicePointId: 'b', status: 'open' as const, effectiveOn: '2019-04-01' },
    { servicePointId: 'b', status: 'suspended' as const, effectiveOn: '2020-03-16' },
    { servicePointId: 'c', status: 'open' as const, effectiveOn: '2023-04-25' },
  ];
  const weeks = weeklyReactivation({ events, plan: new Map([['2023-04-17', 1]]), from: '2023-04-10', to: '2023-04-24' });
  assert.deepEqual(weeks, [
    { weekStart: '2023-04-10', active: 0, suspended: 2, reactivatedThisWeek: 0, plannedActive: null },
    { weekStart: '2023-04-17', active: 1, suspended: 1, reactivatedThisWeek: 1, plannedActive: 1 },
    { weekStart: '2023-04-24', active: 2, suspended: 1, reactivatedThisWeek: 0, plannedActive: null },
  ]);
});
