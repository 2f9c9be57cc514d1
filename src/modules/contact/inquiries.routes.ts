/** The inquiries API: the public form's JSON twin, the mail gateway, the agent inbox and replies. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../platform/deps.js';
import type { HolidayCalendar } from '../../platform/holidays.js';
import { actorOf } from '../../platform/http/actor.js';
import { CONTACT_STAFF } from './contact.routes.js';
import { getInquiry, listOpenInquiries, receiveEmail, receiveInquiry, replyToInquiry, REPLY_TEMPLATES } from './inquiries.service.js';

const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
const InquiryParams = Type.Object({ inquiryId: Uuid });
const NewInquiryBody = Type.Object(
  {
    line: Type.String({ minLength: 2, maxLength: 40 }),
    name: Type.String({ maxLength: 120 }),
    email: Type.String({ maxLength: 254 }),
    subject: Type.String({ maxLength: 200 }),
    body: Type.String({ maxLength: 10_000 }),
    language: Type.Optional(Type.Unsafe<'en' | 'fr'>({ type: 'string', enum: ['en', 'fr'] })),
  },
  { additionalProperties: false },
);
const Received = Type.Object({ id: Type.String(), reference: Type.String(), dueOn: Type.String() });
const ReplyBody = Type.Object({ template: Type.Unsafe<(typeof REPLY_TEMPLATES)[number]>({ type: 'string', enum: [...REPLY_TEMPLATES] }), text: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false });

export function registerInquiryRoutes(app: FastifyInstance, deps: ModuleDeps, holidays: HolidayCalendar): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps.database;
  const base = { db, clock: deps.clock, holidays };
  const tags = ['contact'];

  api.post(
    '/api/v1/contact/inquiries',
    { config: { access: 'public' }, schema: { tags, operationId: 'submitContactInquiry', summary: 'Send a written inquiry; it is due in the line’s business days', body: NewInquiryBody, response: { 201: Received } } },
    async (request, reply) => {
      const { inquiry } = await receiveInquiry({ ...base, actor: actorOf(request), inquiry: { ...request.body, language: request.body.language ?? request.language, channel: 'web' } });
      return reply.status(201).send({ id: inquiry.id, reference: inquiry.reference, dueOn: inquiry.due_on });
    },
  );

  api.post(
    '/api/v1/contact/inquiries/email',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'receiveContactEmail', summary: 'The mail gateway posts a received email (raw MIME); the line is the address’s local part', body: Type.Object({ raw: Type.String({ minLength: 1, maxLength: 200_000 }), fallbackLine: Type.String({ minLength: 2, maxLength: 40 }) }, { additionalProperties: false }), response: { 201: Received } } },
    async (request, reply) => {
      const { inquiry } = await receiveEmail({ ...base, actor: actorOf(request), raw: request.body.raw, fallbackLine: request.body.fallbackLine });
      return reply.status(201).send({ id: inquiry.id, reference: inquiry.reference, dueOn: inquiry.due_on });
    },
  );

  api.get('/api/v1/contact/inquiries', { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'listContactInquiries', summary: 'The inbox: open inquiries on one’s lines by due date' } }, async (request) => ({
    items: (await listOpenInquiries({ db, actor: actorOf(request) })).map((i) => ({ id: i.id, reference: i.reference, subject: i.subject, language: i.language, channel: i.channel, line: i.line_code, receivedAt: i.received_at.toISOString(), dueOn: i.due_on })),
  }));

  api.get('/api/v1/contact/inquiries/:inquiryId', { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'getContactInquiry', summary: 'One inquiry (the read is audited)', params: InquiryParams } }, async (request) => {
    const i = await getInquiry({ db, actor: actorOf(request), inquiryId: request.params.inquiryId });
    return { id: i.id, reference: i.reference, name: i.name, email: i.email, subject: i.subject, body: i.body, language: i.language, state: i.state, receivedAt: i.received_at.toISOString(), dueOn: i.due_on };
  });

  api.post(
    '/api/v1/contact/inquiries/:inquiryId/reply',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'replyToContactInquiry', summary: 'Answer by email from a template in the client’s language', params: InquiryParams, body: ReplyBody } },
    async (request) => {
      const answered = await replyToInquiry({ ...base, actor: actorOf(request), mailer: deps.mailer, i18n: deps.i18n, inquiryId: request.params.inquiryId, template: request.body.template, text: request.body.text });
      return { id: answered.id, state: answered.state, withinStandard: answered.withinStandard };
    },
  );
}
