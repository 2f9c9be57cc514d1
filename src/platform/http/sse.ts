/**
 * Server-sent events: a browser stays connected to one process and hears about changes made by
 * any process, because every process relays the PostgreSQL notifications of the topic. A fresh
 * connection first gets a snapshot, so a reconnecting board is never out of step.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus } from '../db/event-bus.js';

export interface StreamOptions {
  bus: EventBus;
  topic: string;
  /** The current state, sent first as a `snapshot` event. */
  snapshot?: () => Promise<unknown>;
  heartbeatMs?: number;
  /** Shapes each change for this client; `undefined` drops it (another site's change, say). */
  map?: (payload: unknown) => unknown;
}

export async function streamTopic(request: FastifyRequest, reply: FastifyReply, options: StreamOptions): Promise<void> {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let sequence = 0;
  const send = (event: string, data: unknown) => {
    if (!raw.writableEnded) raw.write(`id: ${++sequence}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  raw.write('retry: 3000\n\n');
  const unsubscribe = await options.bus.subscribe(options.topic, (payload) => {
    const shaped = options.map ? options.map(payload) : payload;
    if (shaped !== undefined) send('change', shaped);
  });
  if (options.snapshot) send('snapshot', await options.snapshot());
  else send('ready', { topic: options.topic });
  // A real (tiny) event rather than a comment, so clients can tell a live link from a dead one.
  const heartbeat = setInterval(() => !raw.writableEnded && raw.write('event: ping\ndata: {}\n\n'), options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    void unsubscribe();
    if (!raw.writableEnded) raw.end();
  };
  request.raw.on('close', close);
  raw.on('error', close);
}
