/**
 * The event bus carries "something changed" between server processes through PostgreSQL
 * LISTEN/NOTIFY, so that a browser connected to any process sees a change made by any other.
 * Publishing inside a transaction delivers the event only if that transaction commits.
 */
import type { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Tables } from './tables.js';

export type BusHandler = (payload: unknown) => void;

export interface EventBus {
  /** Subscribe to a topic; returns the function that unsubscribes. */
  subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// Channel names are plain lower-case identifiers so that no engine needs them quoted.
const TOPIC = /^[a-z][a-z0-9_]{0,50}$/;

/** The channel name a topic travels on (identifiers are lower-case and bounded). */
export function channelFor(topic: string): string {
  if (!TOPIC.test(topic)) throw new Error(`Invalid event topic "${topic}"`);
  return `guichet_${topic}`;
}

/**
 * Publish an event. Call it with the transaction (`trx`) of the change it announces: PostgreSQL
 * delivers NOTIFY on commit and drops it on rollback.
 */
export async function publishEvent(executor: Kysely<Tables>, topic: string, payload: unknown): Promise<void> {
  const body = JSON.stringify(payload ?? null);
  // NOTIFY payloads are limited to 8000 bytes: events say what changed, readers fetch the rest.
  if (Buffer.byteLength(body) > 7900) throw new Error(`Event payload on "${topic}" is too large`);
  await sql`select pg_notify(${channelFor(topic)}, ${body})`.execute(executor);
}

function decode(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}

class HandlerRegistry {
  private readonly handlers = new Map<string, Set<BusHandler>>();
  add(channel: string, handler: BusHandler): boolean {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return first;
  }
  remove(channel: string, handler: BusHandler): boolean {
    const set = this.handlers.get(channel);
    if (!set) return false;
    set.delete(handler);
    if (set.size > 0) return false;
    this.handlers.delete(channel);
    return true;
  }
  channels(): string[] {
    return [...this.handlers.keys()];
  }
  dispatch(channel: string, payload: string): void {
    const value = decode(payload);
    for (const handler of this.handlers.get(channel) ?? []) handler(value);
  }
}


export function createPgliteBus(pglite: PGlite): EventBus {
  const registry = new HandlerRegistry();
  const unlisteners = new Map<string, () => Promise<void>>();
  return {
    async subscribe(topic, handler) {
      const channel = channelFor(topic);
      if (registry.add(channel, handler)) {
        unlisteners.set(channel, await pglite.listen(channel, (payload) => registry.dispatch(channel, payload)));
      }
      return async () => {
        if (registry.remove(channel, handler)) {
          const unlisten = unlisteners.get(channel);
          unlisteners.delete(channel);
          if (!pglite.closed) await unlisten?.();
        }
      };
    },
    async close() {
      unlisteners.clear();
    },
  };
}

/** One dedicated connection LISTENs for the whole process, and comes back after a failure. */
export async function createPostgresBus(url: string): Promise<EventBus> {
  const registry = new HandlerRegistry();
  let client: pg.Client | undefined;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => registry.dispatch(message.channel, message.payload ?? 'null'));
    next.on('error', () => scheduleReconnect());
    next.on('end', () => scheduleReconnect());
    await next.connect();
    for (const channel of registry.channels()) await next.query(`listen ${channel}`);
    client = next;
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) return;
    client = undefined;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect().catch(() => scheduleReconnect());
    }, 1000);
    reconnectTimer.unref();
  }

  await connect();
  return {
    async subscribe(topic, handler) {
      const channel = channelFor(topic);
      // A connection lost under our feet is replaced, and the new one listens to every channel.
      if (registry.add(channel, handler)) await client?.query(`listen ${channel}`).catch(() => scheduleReconnect());
      return async () => {
        if (registry.remove(channel, handler)) await client?.query(`unlisten ${channel}`).catch(() => undefined);
      };
    },
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
