/**
 * Mail leaves through one interface. `smtp` is what a deployment uses (nodemailer), `log` writes
 * notices to the log for the demo, and `memory` keeps them for tests that do not need a server.
 */
import nodemailer from 'nodemailer';
import type { MailTransport } from './config.js';

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The message's language, sent as Content-Language. */
  language: 'en' | 'fr';
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

export interface MemoryMailer extends Mailer {
  sent: MailMessage[];
}

export function createMemoryMailer(): MemoryMailer {
  const sent: MailMessage[] = [];
  return { sent, send: async (message) => void sent.push(message), close: async () => undefined };
}

export function createLogMailer(log: (entry: object, message: string) => void): Mailer {
  return {
    send: async (message) => log({ to: message.to, subject: message.subject, language: message.language }, 'mail (log transport)'),
    close: async () => undefined,
  };
}

export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.url);
  return {
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { 'Content-Language': message.language },
        attachments: message.attachments,
      });
    },
    close: async () => transport.close(),
  };
}

export function createMailer(
  config: { transport: MailTransport; smtpUrl: string | undefined; from: string },
  log: (entry: object, message: string) => void,
): Mailer {
  if (config.transport === 'smtp') return createSmtpMailer({ url: config.smtpUrl!, from: config.from });
  if (config.transport === 'memory') return createMemoryMailer();
  return createLogMailer(log);
}
