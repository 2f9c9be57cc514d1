/** Which failures mean "the database is away" (503) rather than "this query is wrong" (500 or a 4xx). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDatabaseUnavailable } from './unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test('lost, refused and timed-out connections and a server going down are outages', () => {
  for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '08006', '08001', '08P01', '57P01', '57P02', '57P03', '53300']) {
    assert.ok(isDatabaseUnavailable(withCode(code)), code);
  }
  assert.ok(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')));
  assert.ok(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')));
  assert.ok(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'all addresses refused')));
  assert.ok(isDatabaseUnavailable(new Error('query failed', { cause: withCode('57P01') })));
});

test('a wrong query, a conflict or a refused privilege is not an outage', () => {
  for (const code of ['23505', '23503', '42501', '42P01', '22P02', '40001', 'FST_ERR_VALIDATION']) assert.equal(isDatabaseUnavailable(withCode(code)), false, code);
  assert.equal(isDatabaseUnavailable(new Error('boom')), false);
  assert.equal(isDatabaseUnavailable(undefined), false);
  assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
});
