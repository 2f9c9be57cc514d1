import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fiscalQuarter, isDrawn, keyAt, newSecret, nextQuarter, quarterBounds, rateFor, sampleScore } from './sampling.js';
import { wilsonInterval } from './stats.js';

/** The demo's passport schedule: 1 %, 2 %, 3 %, then 4 % from Q4 on. */
const SCHEDULE = [
  { from_quarter: '2025-Q1', rate: 0.01 },
  { from_quarter: '2025-Q2', rate: 0.02 },
  { from_quarter: '2025-Q3', rate: 0.03 },
  { from_quarter: '2025-Q4', rate: 0.04 },
];

describe('fiscal quarters (1 April – 31 March, Ottawa time)', () => {
  test('quarters are named by the year their fiscal year begins', () => {
    assert.equal(fiscalQuarter(new Date('2026-04-01T04:00:00Z')), '2026-Q1'); // midnight in Ottawa (EDT)
    assert.equal(fiscalQuarter(new Date('2026-04-01T03:59:59Z')), '2025-Q4'); // still 31 March in Ottawa
    assert.equal(fiscalQuarter(new Date('2026-11-23T15:00:00Z')), '2026-Q3');
    assert.equal(fiscalQuarter(new Date('2027-02-10T15:00:00Z')), '2026-Q4');
    assert.equal(nextQuarter('2026-Q4'), '2027-Q1');
  });

  test('a quarter’s bounds contain exactly its moments', () => {
    const { from, to } = quarterBounds('2026-Q3');
    assert.equal(from.toISOString(), '2026-10-01T04:00:00.000Z');
    assert.equal(to.toISOString(), '2027-01-01T05:00:00.000Z');
    assert.equal(fiscalQuarter(from), '2026-Q3');
    assert.equal(fiscalQuarter(new Date(to.getTime() - 1)), '2026-Q3');
    assert.equal(fiscalQuarter(to), '2026-Q4');
  });

  test('a rate holds from its quarter until the next row, and nothing is drawn before the first', () => {
    assert.equal(rateFor(SCHEDULE, '2024-Q4'), 0);
    assert.equal(rateFor(SCHEDULE, '2025-Q2'), 0.02);
    assert.equal(rateFor(SCHEDULE, '2027-Q3'), 0.04);
  });

  test('the key in force is the latest activated at or before the moment', () => {
    const keys = [
      { version: 1, activated_at: new Date(0) },
      { version: 2, activated_at: new Date('2026-07-01T00:00:00Z') },
    ];
    assert.equal(keyAt(keys, new Date('2026-06-30T23:59:59Z'))?.version, 1);
    assert.equal(keyAt(keys, new Date('2026-07-01T00:00:00Z'))?.version, 2);
  });
});

describe('the keyed sampling rule over 100,000 simulated files', () => {
  const key = newSecret();
  // 25,000 files in each quarter of fiscal year 2025–26, with ids shaped like the cases module's.
  const files = Array.from({ length: 100_000 }, (_, i) => ({ id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, quarter: `2025-Q${(i % 4) + 1}` }));
  const draw = (secret: string) => new Set(files.filter((f) => isDrawn(secret, f.id, rateFor(SCHEDULE, f.quarter))).map((f) => f.id));

  test('each quarter’s realised rate lies within the binomial interval of what was drawn', () => {
    const drawn = draw(key);
    for (const { from_quarter: quarter, rate } of SCHEDULE) {
      const population = files.filter((f) => f.quarter === quarter);
      const hits = population.filter((f) => drawn.has(f.id)).length;
      // 99.99 % Wilson interval: the key is new on every run, so a sound rule fails this about
      // once in 2,500 runs, while a rule off by a fifth of its rate fails nearly always.
      const interval = wilsonInterval(hits, population.length, 3.890592)!;
      assert.ok(interval.low <= rate && rate <= interval.high, `${quarter}: ${hits} of ${population.length} drawn at ${rate}`);
    }
  });

  test('the same key derives the same sample; another key derives another', () => {
    const first = draw(key);
    const again = draw(key);
    assert.deepEqual([...again].sort(), [...first].sort());
    const other = draw(newSecret());
    const common = [...other].filter((id) => first.has(id)).length;
    // Independent draws at ~2.5 % share about 2.5 % of their files, not most of them.
    assert.ok(common < first.size * 0.1, `${common} files in common`);
  });

  test('scores spread evenly over [0, 1) whatever the ids look like', () => {
    const deciles = new Array<number>(10).fill(0);
    for (const f of files) deciles[Math.floor(sampleScore(key, f.id) * 10)]!++;
    // Chi-square with 9 degrees of freedom; 33.7 is its 99.99th percentile.
    const expected = files.length / 10;
    const chi2 = deciles.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    assert.ok(chi2 < 33.7, `chi-square ${chi2.toFixed(1)}`);
  });

  test('a rate of 0 draws nothing and a rate of 1 draws everything', () => {
    assert.equal(files.slice(0, 1000).filter((f) => isDrawn(key, f.id, 0)).length, 0);
    assert.equal(files.slice(0, 1000).filter((f) => isDrawn(key, f.id, 1)).length, 1000);
  });
});

describe('Wilson score interval', () => {
  test('matches published values (Newcombe 1998, Table I, method 3)', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [hits, trials, low, high] of cases) {
      const interval = wilsonInterval(hits, trials)!;
      assert.ok(Math.abs(interval.low - low) < 0.00006 && Math.abs(interval.high - high) < 0.00006, `${hits}/${trials}: ${JSON.stringify(interval)}`);
    }
    assert.equal(wilsonInterval(0, 0), null);
  });
});
