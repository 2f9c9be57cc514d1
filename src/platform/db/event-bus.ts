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

export interface Subscription {
  /** Each event published on the topic. */
  handler: BusHandler;
  /**
   * Called when events may have been missed: the listening connection was lost and is back.
   * A subscriber that keeps state from events reads it afresh.
   */
  onGap?: () => void;
}

export interface EventBus {
  /** Subscribe to a topic; returns the function that unsubscribes. */
  subscribe(topic: string, handler: BusHandler, onGap?: () => void): Promise<() => Promise<void>>;
  /** Whether events are being heard now (false while the listening connection is being replaced). */
  listening(): boolean;
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
  private readonly handlers = new Map<string, Set<Subscription>>();
  add(channel: string, subscription: Subscription): boolean {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(subscription);
    return first;
  }
  remove(channel: string, subscription: Subscription): boolean {
    const set = this.handlers.get(channel);
    if (!set) return false;
    set.delete(subscription);
    if (set.size > 0) return false;
    this.handlers.delete(channel);
    return true;
  }
  channels(): string[] {
    return [...this.handlers.keys()];
  }
  dispatch(channel: string, payload: string): void {
    const value = decode(payload);
    for (const { handler } of this.handlers.get(channel) ?? []) handler(value);
  }
  /** Tells every subscriber that events may have been missed. */
  gap(): void {
    for (const set of [...this.handlers.values()]) for (const { onGap } of [...set]) onGap?.();
  }
}


export function createPgliteBus(pglite: PGlite): EventBus {
  const registry = new HandlerRegistry();
  const unlisteners = new Map<string, () => Promise<void>>();
  return {
    async subscribe(topic, handler, onGap) {
      const channel = channelFor(topic);
      const subscription: Subscription = { handler, onGap };
      if (registry.add(channel, subscription)) {
        unlisteners.set(channel, await pglite.listen(channel, (payload) => registry.dispatch(channel, payload)));
      }
      return async () => {
        if (registry.remove(channel, subscription)) {
          const unlisten = unlisteners.get(channel);
          unlisteners.delete(channel);
          if (!pglite.closed) await unlisten?.();
        }
      };
    },
    listening: () => !pglite.closed,
    async close() {
      unlisteners.clear();
    },
  };
}

/**
 * One dedicated connection LISTENs for the whole process, and is replaced after a failure. Events
 * published while it was away are lost, so once the new one listens every subscriber hears of
 * the gap and reads afresh.
 */
export async function createPostgresBus(url: string, options: { retryMs?: number } = {}): Promise<EventBus> {
  const registry = new HandlerRegistry();
  const retryMs = options.retryMs ?? 1000;
  let client: pg.Client | undefined;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, keepAlive: true });
    next.on('notification', (message) => registry.dispatch(message.channel, message.payload ?? 'null'));
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      // Channels subscribed from here on are listened to on this connection by subscribe().
      for (const channel of registry.channels()) await next.query(`listen ${channel}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    const listenedBefore = registry.channels().length > 0;
    client = next;
    if (listenedBefore) registry.gap();
  }

  function lost(which: pg.Client): void {
    if (client === which) client = undefined;
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer || client) return;
    reconnectTimer = setTimeout(() => {
      connect()
        .catch(() => undefined)
        .finally(() => {
          reconnectTimer = undefined;
          if (!client) scheduleReconnect();
        });
    }, retryMs);
    reconnectTimer.unref();
  }

  await connect();
  return {
    async subscribe(topic, handler, onGap) {
      const channel = channelFor(topic);
      const subscription: Subscription = { handler, onGap };
      // Without a connection now, the one that replaces it listens to every registered channel.
      if (registry.add(channel, subscription)) {
        const current = client;
        await current?.query(`listen ${channel}`).catch(() => lost(current));
      }
      return async () => {
        if (registry.remove(channel, subscription)) await client?.query(`unlisten ${channel}`).catch(() => undefined);
      };
    },
    listening: () => client !== undefined,
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
