/**
 * Every request body is bounded before it is read in full. JSON and plain text stop at the
 * server's body limit (1 MB, app.ts), forms at 64 KB; a route may raise its own limit (an import).
 * Files are accepted only by the routes that expect one (`registerUploadRoutes`): elsewhere a
 * multipart body has no parser and is refused (415) before a byte of it is read. Over a limit
 * answers 413 at once, and a connection answered before the end of its body is closed shortly
 * after without reading on (`closeUnread`).
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import multipart, { type MultipartFile } from '@fastify/multipart';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

export const FORM_BODY_LIMIT = 65_536;
/** An upload form's other fields (a CSRF token, a checkbox) are short. */
const UPLOAD_FIELD_BYTES = 1024;
/** What multipart framing adds per part (boundary and part headers), generously. */
const UPLOAD_PART_OVERHEAD = 1024;

/** How long a client may take to read an early answer before its connection is closed. */
const LINGER_MS = 2_000;

/**
 * An answer given before the end of its body says `Connection: close`, and the server reads no
 * further. Node would then close the socket as soon as the answer is out, and closing with unread
 * data resets the connection: a client still writing may lose the answer with it. So the socket
 * stays half-closed for a moment, unread, while the client reads the answer and hangs up.
 */
function closeUnread(incoming: IncomingMessage): void {
  const socket = incoming.socket;
  if (incoming.complete || socket.destroyed) return;
  // Node starts draining what is left of a body once the answer is sent: not this one.
  incoming.pause();
  socket.removeListener('finish', socket.destroy);
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

async function bodies(app: FastifyInstance) {
  await app.register(formbody, { bodyLimit: FORM_BODY_LIMIT });
  app.addHook('onSend', async (request, reply) => {
    if (request.raw.complete !== false) return;
    reply.header('connection', 'close');
    reply.raw.once('finish', () => closeUnread(request.raw));
  });
}

export default fp(bodies, { name: 'guichet-bodies' });

/**
 * Reads an uploaded file into the body, stopping at its limit: the parser alone would go on
 * reading (and discarding) the rest of an oversized file before reporting it.
 */
async function readFileBounded(part: MultipartFile): Promise<void> {
  part.file.once('limit', () => part.file.destroy(new AppError('common.payload_too_large', 413)));
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  (part as MultipartFile & { value?: Buffer }).value = Buffer.concat(chunks);
}

export interface UploadLimits {
  /** The largest file accepted. */
  fileBytes: number;
  /** Form fields besides the file. */
  fields: number;
}

/**
 * Routes that take one file in a multipart form, in a scope of their own: the file, the parts,
 * the fields and the whole body are bounded, and only signed-in callers the route admits get
 * as far as the body (the access check runs first).
 */
export async function registerUploadRoutes(app: FastifyInstance, limits: UploadLimits, register: (scope: FastifyInstance) => void): Promise<void> {
  const parts = limits.fields + 1;
  const totalBytes = limits.fileBytes + parts * UPLOAD_PART_OVERHEAD + limits.fields * UPLOAD_FIELD_BYTES;
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request) => {
      if (Number(request.headers['content-length']) > totalBytes) throw new AppError('common.payload_too_large', 413);
    });
    await scope.register(multipart, {
      // File and fields become ordinary body fields, so the CSRF check reads them like a form.
      attachFieldsToBody: 'keyValues',
      onFile: readFileBounded,
      limits: { fileSize: limits.fileBytes, files: 1, fields: limits.fields, parts, fieldSize: UPLOAD_FIELD_BYTES, fieldNameSize: 100, headerPairs: 20 },
    });
    register(scope);
  });
}
