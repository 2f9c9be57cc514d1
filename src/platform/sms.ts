/**
 * Text messages leave through one interface, like mail. `notify` posts to GC Notify's API (the
 * Government of Canada's notification service, `POST /v2/notifications/sms`), `log` writes to the
 * log for the demo, and `memory` keeps messages for tests.
 */
import type { Config } from './config.js';

export interface SmsMessage {
  /** E.164 phone number, e.g. +16135550123. */
  to: string;
  text: string;
  language: 'en' | 'fr';
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

export interface MemorySms extends SmsSender {
  sent: SmsMessage[];
}

export function createMemorySms(): MemorySms {
  const sent: SmsMessage[] = [];
  return { sent, send: async (message) => void sent.push(message) };
}

export function createLogSms(log: (entry: object, message: string) => void): SmsSender {
  // The number is masked: logs are read by more people than the client's file.
  return { send: async (message) => log({ to: `…${message.to.slice(-4)}`, language: message.language }, 'sms (log transport)') };
}

/** GC Notify: one template whose single `body` placeholder carries the text. */
export function createNotifySms(options: { baseUrl: string; apiKey: string; templateId: string; fetch?: typeof fetch }): SmsSender {
  const post = options.fetch ?? fetch;
  return {
    async send(message) {
      const response = await post(new URL('/v2/notifications/sms', options.baseUrl), {
        method: 'POST',
        headers: { authorization: `ApiKey-v1 ${options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ phone_number: message.to, template_id: options.templateId, personalisation: { body: message.text } }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`GC Notify refused the message (${response.status})`);
    },
  };
}

/** A Canadian phone number written any usual way, as E.164; null when it is not one. */
export function normalizePhone(value: string): string | null {
  const digits = value.replace(/[\s().-]/g, '');
  const match = /^(?:\+?1)?([2-9]\d{2}[2-9]\d{6})$/.exec(digits);
  return match ? `+1${match[1]}` : null;
}

export function createSmsSender(config: Config['sms'], log: (entry: object, message: string) => void): SmsSender {
  if (config.transport === 'notify') return createNotifySms({ baseUrl: config.notifyUrl!, apiKey: config.notifyApiKey!, templateId: config.notifyTemplateId! });
  if (config.transport === 'memory') return createMemorySms();
  return createLogSms(log);
}
