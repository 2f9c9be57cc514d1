import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

test('defaults start the embedded database on port 3000 with the demo', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.demo, 'on');
  assert.match(config.dataDir, /\.guichet$/);
});

test('every bad value is reported at once, in plain words', () => {
  try {
    loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MAIL_TRANSPORT: 'smtp', GUICHET_DEMO: 'maybe', SESSION_SECRET: 'short' });
    assert.fail('expected a ConfigError');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.problems.length, 5);
    assert.match(error.message, /PORT must be a whole number/);
    assert.match(error.message, /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//);
    assert.match(error.message, /SMTP_URL is required when MAIL_TRANSPORT=smtp/);
    assert.match(error.message, /GUICHET_DEMO must be one of on, off/);
    assert.match(error.message, /SESSION_SECRET must be at least 32 characters/);
  }
});

test('a PostgreSQL URL and SMTP settings are accepted', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/guichet', MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://mail:25', PORT: '8080', HOST: '0.0.0.0' });
  assert.equal(config.databaseUrl, 'postgres://u:p@db:5432/guichet');
  assert.equal(config.mail.transport, 'smtp');
  assert.equal(config.host, '0.0.0.0');
});

test('the owner’s URL is for migrations beside the server’s, never instead of it', () => {
  const both = loadConfig({ DATABASE_URL: 'postgres://app@db/guichet', DATABASE_OWNER_URL: 'postgres://owner@db/guichet' });
  assert.equal(both.databaseOwnerUrl, 'postgres://owner@db/guichet');
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://app@db/guichet' }).databaseOwnerUrl, undefined);
  assert.throws(() => loadConfig({ DATABASE_OWNER_URL: 'postgres://owner@db/guichet' }), /DATABASE_OWNER_URL needs DATABASE_URL/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'postgres://app@db/guichet', DATABASE_OWNER_URL: 'mysql://owner@db/guichet' }), /DATABASE_OWNER_URL must start with postgres:/);
});
