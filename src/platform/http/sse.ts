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
  let sequence = 0;
  const send = (event: string, data: unknown) => {
    if (!raw.writableEnded) raw.write(`id: ${++sequence}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  // Changes heard while the snapshot is read wait for it; then they flow straight through.
  const early: unknown[] = [];
  let deliver: (change: unknown) => void = (change) => early.push(change);
  // Events missed while the bus was reconnecting: send the state afresh, or end the stream so
  // that the browser reconnects and starts again from a snapshot.
  let gap: () => void = () => undefined;
  const unsubscribe = await options.bus.subscribe(
    options.topic,
    (payload) => {
      const shaped = options.map ? options.map(payload) : payload;
      if (shaped !== undefined) deliver(shaped);
    },
    () => gap(),
  );
  // The snapshot is read before the stream opens, so a failure (the database away, say) is still
  // an ordinary error answer rather than a stream left hanging; the browser retries either way.
  let snapshot: unknown;
  try {
    if (options.snapshot) snapshot = await options.snapshot();
  } catch (error) {
    await unsubscribe();
    throw error;
  }
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 3000\n\n');
  if (options.snapshot) send('snapshot', snapshot);
  else send('ready', { topic: options.topic });
  deliver = (change) => send('change', change);
  for (const change of early.splice(0)) deliver(change);
  // A real (tiny) event rather than a comment, so clients can tell a live link from a dead one.
  const heartbeat = setInterval(() => !raw.writableEnded && raw.write('event: ping\ndata: {}\n\n'), options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    void unsubscribe();
    if (!raw.writableEnded) raw.end();
  };
  if (request.raw.destroyed) {
    close(); // gone while the snapshot was read
    return;
  }
  request.raw.on('close', close);
  raw.on('error', close);
  gap = () => {
    if (!options.snapshot) return close();
    options.snapshot().then((state) => send('snapshot', state), close);
  };
}
