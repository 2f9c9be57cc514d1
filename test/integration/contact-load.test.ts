/**
 * Take-next under contention. PostgreSQL: two server processes, 100 agents taking next at once
 * over 1,000 waiting calls and callbacks until none is left; every call or callback goes to
 * exactly one agent, each agent holds at most one at a time. Embedded: the same over one process.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { buildTestApp } from '../helpers/app.js';
import { createTestDatabase, onPostgres } from '../helpers/database.js';
import { killAll, startServer } from '../helpers/process.js';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import type { Db } from '../../src/platform/db/database.js';

after(killAll);

const embeddedTest = onPostgres() ? () => undefined : test;
const postgresTest = onPostgres() ? test : () => undefined;

/** One line, `agents` available agents on it, `count` queued callers (one in four a callback). */
async function seed(db: Db, agents: number, count: number, now: Date) {
  const line = await db.insertInto('contact_lines').values({ code: 'load', name_en: 'Load', name_fr: 'Charge' }).returning('id').executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (let i = 0; i < agents; i++) {
    const agent = await db.insertInto('contact_agents').values({ name: `A${i}`, languages: ['en', 'fr'], state: 'available', state_since: now }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('contact_agent_lines').values({ agent_id: agent.id, line_id: line.id }).execute();
    ids.push(agent.id);
  }
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, k) => {
      const i = start + k;
      const at = new Date(now.getTime() - 600_000 + i * 100);
      const callback = i % 4 === 0;
      return { line_id: line.id, from_number: '+16135550100', language: i % 3 === 0 ? ('fr' as const) : ('en' as const), kind: callback ? ('callback' as const) : ('call' as const), state: callback ? ('callback' as const) : ('waiting' as const), arrived_at: at, queue_time: at, callback_number: callback ? '+16135550100' : null, updated_at: at };
    });
    await db.insertInto('contact_calls').values(rows).execute();
  }
  return ids;
}

type Post = (url: string, body?: object) => Promise<{ status: number; body: { kind?: string; callId?: string } }>;

/** Every agent takes next, all at once, until nothing is left; returns what each take got. */
async function drain(agents: string[], post: Post) {
  const got: { agent: string; callId: string }[] = [];
  await Promise.all(
    agents.map(async (agent) => {
      for (;;) {
        const next = await post(`/api/v1/contact/agents/${agent}/next`);
        if (next.status === 204) return;
        assert.equal(next.status, 200);
        const callId = next.body.callId!;
        got.push({ agent, callId });
        if (next.body.kind === 'callback') assert.equal((await post(`/api/v1/contact/callbacks/${callId}/result`, { answered: true })).status, 200);
        assert.equal((await post(`/api/v1/contact/calls/${callId}/complete`, { outcome: 'information_given', resolved: true })).status, 200);
        assert.equal((await post(`/api/v1/contact/agents/${agent}/state`, { state: 'available' })).status, 200);
      }
    }),
  );
  return got;
}

async function assertEachOnce(db: Db, got: { callId: string }[], count: number) {
  assert.equal(got.length, count, 'every call taken');
  assert.equal(new Set(got.map((g) => g.callId)).size, count, 'no call taken twice');
  const calls = await db.selectFrom('contact_calls').select(['state']).execute();
  assert.ok(calls.every((c) => c.state === 'completed'), 'nothing left in queue');
  const takes = await db.selectFrom('contact_call_events').select('call_id').where('type', 'in', ['answered', 'callback_dialled']).execute();
  assert.equal(takes.length, count, 'one take recorded per call');
}

postgresTest('postgres: 100 agents on two processes take 1,000 calls and callbacks, each exactly once', async (t) => {
  const database = await createTestDatabase();
  try {
    const token = (await createApiToken({ assignments: { national: true }, db: database.db, actor: systemActor('test'), name: 'load', role: 'agent' })).token;
    const agents = await seed(database.db, 100, 1000, new Date());
    const env = { DATABASE_URL: database.url!, GUICHET_DEMO: 'off', LOG_LEVEL: 'warn' };
    const servers = [await startServer(env), await startServer(env)];
    let turn = 0;
    const post: Post = async (url, body) => {
      const response = await fetch(`${servers[turn++ % 2]!.base}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
      return { status: response.status, body: response.status === 200 ? await response.json() : {} };
    };
    const started = performance.now();
    const got = await drain(agents, post);
    await assertEachOnce(database.db, got, 1000);
    t.diagnostic(`1,000 calls and callbacks taken once each by 100 agents on 2 processes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
  } finally {
    await database.close();
  }
});

embeddedTest('embedded: 100 agents take 300 calls and callbacks, each exactly once', async () => {
  const t = await buildTestApp({ now: new Date().toISOString() });
  try {
    const token = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'load', role: 'agent' })).token;
    const agents = await seed(t.database.db, 100, 300, t.clock.now());
    const post: Post = async (url, body) => {
      const response = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: body ?? {} });
      return { status: response.statusCode, body: response.statusCode === 200 ? response.json() : {} };
    };
    await assertEachOnce(t.database.db, await drain(agents, post), 300);
  } finally {
    await t.close();
  }
});
