/** Mail goes through a real SMTP server (smtp-server on loopback), attachments and language intact. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSmtpServer, type ReceivedMail } from '../../test/helpers/smtp.js';
import { createMailer } from './mailer.js';

let received: ReceivedMail[];
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
before(async () => {
  smtp = await startSmtpServer();
  received = smtp.received;
});
after(() => smtp.close());

test('the SMTP mailer delivers to a real server, with its language and attachment', async () => {
  const mailer = createMailer({ transport: 'smtp', smtpUrl: smtp.url, from: 'Guichet <no-reply@guichet.test>' }, () => undefined);
  await mailer.send({
    to: 'client@example.test',
    subject: 'Votre rendez-vous',
    text: 'Bonjour',
    language: 'fr',
    attachments: [{ filename: 'rendez-vous.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', contentType: 'text/calendar' }],
  });
  await mailer.close();
  assert.equal(received.length, 1);
  assert.equal(received[0]!.from, 'no-reply@guichet.test');
  assert.deepEqual(received[0]!.to, ['client@example.test']);
  assert.match(received[0]!.raw, /Content-Language: fr/);
  assert.match(received[0]!.raw, /rendez-vous\.ics/);
  assert.match(received[0]!.raw, /Subject: Votre rendez-vous/);
});

test('the memory mailer keeps what was sent', async () => {
  const mailer = createMailer({ transport: 'memory', smtpUrl: undefined, from: 'x@y.z' }, () => undefined) as unknown as { sent: unknown[]; send: (m: object) => Promise<void> };
  await mailer.send({ to: 'a@b.c', subject: 's', text: 't', language: 'en' });
  assert.equal(mailer.sent.length, 1);
});
