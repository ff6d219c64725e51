import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { Redis } from "ioredis";
import { env } from "~/env.server";
import { prefix, redisUrl, sharedRedis } from "./redis.server";

/**
 * A wake-up call: something became due, so the loop that does it (app/lib/leased-loop.server.ts) claims it
 * at once rather than at its next poll. Within a process it is an event. With Redis (production's web +
 * worker processes, docs/production.md) it is also published on a channel, so a worker process hears of what
 * the web process recorded (a fulfilment webhook) without waiting for its poll. A lost message costs only
 * that wait: the rows are the truth, and every loop still polls.
 */
export type Signal = { emit(): void; subscribe(listener: () => void): () => void };

// This process's messages are its own events already; it ignores them coming back.
const PROCESS_ID = randomUUID();

function createSignal(name: string): Signal {
  const events = new EventEmitter();
  const channel = () => `${prefix()}:signal:${name}`;
  let publishing = false;
  return {
    emit() {
      events.emit("due");
      if (!env.REDIS_URL || publishing) return;
      // One message for every emit of one turn of the event loop (a burst of webhooks).
      publishing = true;
      setImmediate(() => {
        publishing = false;
        sharedRedis()
          .publish(channel(), PROCESS_ID)
          .catch(() => undefined);
      });
    },
    subscribe(listener) {
      events.on("due", listener);
      const remote = env.REDIS_URL ? listenOnRedis(channel(), listener) : () => undefined;
      return () => {
        events.off("due", listener);
        remote();
      };
    },
  };
}

/** A fulfilment became due to be sent to TikTok (a Shopify webhook, a Sync click, a carrier mapped). */
export const onShipmentDue = createSignal("shipment-due");

/** An outcome was recorded that Shopify Flow is to be told of (ADR 029). */
export const onFlowNoticeDue = createSignal("flow-notice-due");

// One subscriber connection per process while anything listens (Redis's subscribe mode takes a connection
// of its own); closed when the last listener leaves, so a stopped worker leaves nothing open.
let subscriber: Redis | undefined;
const listeners = new Map<string, Set<() => void>>();

function listenOnRedis(channel: string, listener: () => void): () => void {
  if (!subscriber) {
    const connection = new Redis(redisUrl(), { maxRetriesPerRequest: null });
    // Reconnects by itself; meanwhile the loops poll.
    connection.on("error", () => undefined);
    connection.on("message", (from: string, sender: string) => {
      if (sender === PROCESS_ID) return;
      for (const wake of listeners.get(from) ?? []) wake();
    });
    subscriber = connection;
  }
  let set = listeners.get(channel);
  if (!set) {
    set = new Set();
    listeners.set(channel, set);
    subscriber.subscribe(channel).catch(() => undefined);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size > 0 || listeners.get(channel) !== set) return;
    listeners.delete(channel);
    const connection = subscriber;
    if (listeners.size === 0) {
      subscriber = undefined;
      connection?.quit().catch(() => connection.disconnect());
    } else connection?.unsubscribe(channel).catch(() => undefined);
  };
}
