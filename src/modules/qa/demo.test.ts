import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { createUser } from '../../../test/helpers/http.js';
import { systemActor } from '../../platform/audit.repo.js';
import { loadDemoNetwork } from '../network/index.js';
import { considerForQaSample, loadDemoQa } from './index.js';

const actor = systemActor('seed');

describe('the QA demo', () => {
  test('loads observations even when no file was drawn (the cases demo may not exist yet)', async () => {
    const database = await createTestDatabase();
    try {
      await loadDemoNetwork({ db: database.db, actor });
      await loadDemoQa({ db: database.db, actor });
      const reviews = await database.db.selectFrom('qa_reviews').select('id').execute();
      const observations = await database.db.selectFrom('qa_observations').select('id').execute();
      assert.equal(reviews.length, 0);
      assert.ok(observations.length > 0);
    } finally {
      await database.close();
    }
  });

  test('reviews most of the drawn files with a plausible error rate, findings and feedback', async () => {
    const database = await createTestDatabase();
    try {
      const { db } = database;
      await loadDemoNetwork({ db, actor });
      await createUser(database, 'qa_reviewer');
      const agent = await createUser(database, 'agent');
      // 8,000 passport files over fiscal 2025–26 reach printing, as the cases demo would report them.
      await db.transaction().execute(async (trx) => {
        for (let n = 0; n < 8000; n++) {
          const at = new Date(Date.UTC(2025, 3, 1) + n * 3_900_000);
          await considerForQaSample(trx, { applicationId: `demo-${n}`, applicationNumber: `D${n}`, programme: 'passport', typeCode: 'regular', stage: 'printing', siteId: null, agentId: agent.id, at });
        }
      });
      await loadDemoQa({ db, actor });
      const drawn = await db.selectFrom('qa_frame').select('id').where('drawn', '=', true).execute();
      const reviews = await db.selectFrom('qa_reviews').select(['id', 'in_error']).execute();
      assert.ok(drawn.length > 100, `${drawn.length} drawn`);
      assert.equal(reviews.length, drawn.length - Math.ceil(drawn.length * 0.15));
      const inError = reviews.filter((r) => r.in_error).length;
      assert.ok(inError > 0 && inError / reviews.length < 0.15, `${inError} of ${reviews.length} in error`);
      const findings = await db.selectFrom('qa_findings').select('id').execute();
      const feedback = await db.selectFrom('qa_feedback').select('agent_id').execute();
      assert.equal(findings.length, inError);
      assert.ok(feedback.length === inError && feedback.every((f) => f.agent_id === agent.id));
    } finally {
      await database.close();
    }
  });
});
