import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { systemActor } from '../audit.repo.js';
import { createApiToken } from '../auth/auth.service.js';
import { ConfigError, loadConfig } from '../config.js';
import { bearerMatches } from './metrics.js';

const TOKEN = 'scrape-token-0123456789abcdefghijklmnop';

describe('/metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp({ env: { METRICS_TOKEN: TOKEN } })));
  after(() => t.close());

  test('the scrape token reads the metrics', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /guichet_http_request_duration_seconds/);
  });

  test('no token, a wrong one, or a staff API token: 401 in the caller’s language, nothing read', async () => {
    const admin = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'admin', role: 'admin' })).token;
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, `Bearer ${admin}`, 'Bearer']) {
      const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'accept-language': 'fr', ...(authorization ? { authorization } : {}) } });
      assert.equal(response.statusCode, 401, String(authorization));
      assert.equal(response.headers['www-authenticate'], 'Bearer realm="metrics"');
      assert.ok(!response.body.includes('guichet_'), 'no metric leaks');
      assert.equal(response.json().code, 'auth.invalid_token');
      assert.notEqual(response.json().message, 'auth.invalid_token');
    }
  });

  test('the comparison wants the whole token and nothing more', () => {
    assert.equal(bearerMatches(`Bearer ${TOKEN}`, TOKEN), true);
    assert.equal(bearerMatches(`bearer ${TOKEN}`, TOKEN), true);
    assert.equal(bearerMatches(`Bearer ${TOKEN} `, TOKEN), true);
    assert.equal(bearerMatches(`Bearer  ${TOKEN}`, TOKEN), false);
    assert.equal(bearerMatches(undefined, TOKEN), false);
    assert.equal(bearerMatches(`Bearer ${TOKEN}${TOKEN}`, TOKEN), false);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  test('answers 404, whoever asks', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }, { authorization: 'Bearer x' }]) {
      const response = await t.app.inject({ method: 'GET', url: '/metrics', headers });
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().code, 'common.not_found');
    }
  });

  test('a token shorter than 32 characters is refused at start', () => {
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), (error: unknown) => error instanceof ConfigError && /METRICS_TOKEN must be at least 32 characters/.test(error.message));
  });
});
