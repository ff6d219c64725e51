import { ORDER_DETAIL_BATCH } from "./client";
import { TikTokNotConfiguredError, tiktokClientForShop, type ShopClientOptions } from "./connection.server";
import { isRetryable, TikTokAuthError, TikTokSignatureError } from "./errors";
import { storeTikTokOrders } from "./order-intake.server";

/**
 * Fetches the orders webhooks name, off the request path: ids are collected per TikTok shop for a few
 * milliseconds and fetched 50 at a time, then stored and queued. A TikTok outage or rate limit is retried
 * with backoff for as long as the process runs; an order that still slips through (a crash, a refused
 * token) is found by the poller, which reads every order updated since its cursor.
 */
export type BatcherOptions = {
  /** How long ids are collected before a fetch; a full batch goes at once. */
  windowMs?: number;
  /** Fetches in flight per TikTok shop. */
  perShop?: number;
  /** Backoff between attempts of a failed batch. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts for failures that are not TikTok being unavailable (an unknown order id, a database blip). */
  maxAttempts?: number;
  client?: ShopClientOptions;
};

/** A TikTok shop as connected to a store. */
export type StoreRef = { shopId: string; shopDomain: string; tiktokShopId: string };

type ShopQueue = {
  store: StoreRef;
  /** Order id → attempts made so far. */
  pending: Map<string, number>;
  inFlight: number;
  failures: number;
  timer?: NodeJS.Timeout;
};

export class OrderDetailBatcher {
  private readonly queues = new Map<string, ShopQueue>();
  private readonly waiters: (() => void)[] = [];
  private readonly options: Required<Omit<BatcherOptions, "client">> & Pick<BatcherOptions, "client">;
  private stopped = false;

  constructor(options: BatcherOptions = {}) {
    this.options = {
      windowMs: 5,
      perShop: 2,
      baseDelayMs: 1000,
      maxDelayMs: 5 * 60_000,
      maxAttempts: 5,
      ...options,
    };
  }

  add(store: StoreRef, orderIds: readonly string[]): void {
    const queue = this.queueOf(store);
    for (const id of orderIds) if (!queue.pending.has(id)) queue.pending.set(id, 0);
    // A full batch goes at once, unless the store is backing off after a failure.
    if (queue.pending.size >= ORDER_DETAIL_BATCH && queue.failures === 0) this.flush(queue);
    else this.schedule(queue, this.options.windowMs);
  }

  /** Resolves once nothing is pending, in flight or waiting for a retry. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Fetches what is pending now, without retrying afterwards; for shutdown. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const queue of this.queues.values()) {
      clearTimeout(queue.timer);
      queue.timer = undefined;
      this.flush(queue);
    }
    await this.idle();
  }

  private queueOf(store: StoreRef): ShopQueue {
    let queue = this.queues.get(store.tiktokShopId);
    if (!queue) {
      queue = { store, pending: new Map(), inFlight: 0, failures: 0 };
      this.queues.set(store.tiktokShopId, queue);
    }
    return queue;
  }

  private schedule(queue: ShopQueue, delayMs: number) {
    if (queue.timer || this.stopped) return;
    queue.timer = setTimeout(() => {
      queue.timer = undefined;
      this.flush(queue);
    }, delayMs);
    queue.timer.unref();
  }

  private flush(queue: ShopQueue) {
    while (queue.pending.size > 0 && queue.inFlight < this.options.perShop) {
      const batch = [...queue.pending].slice(0, ORDER_DETAIL_BATCH);
      for (const [id] of batch) queue.pending.delete(id);
      queue.inFlight += 1;
      void this.fetchBatch(queue, new Map(batch)).finally(() => {
        queue.inFlight -= 1;
        if (queue.pending.size > 0 && !queue.timer) {
          if (queue.failures === 0 || this.stopped) this.flush(queue);
          else this.schedule(queue, this.backoff(queue.failures));
        }
        this.settle();
      });
    }
  }

  private async fetchBatch(queue: ShopQueue, batch: Map<string, number>) {
    const { shopId, shopDomain, tiktokShopId } = queue.store;
    try {
      const client = await tiktokClientForShop({ shopDomain, tiktokShopId }, this.options.client);
      const details = await client.getOrderDetails([...batch.keys()]);
      await storeTikTokOrders({ shopId, tiktokShopId }, details, "WEBHOOK");
      queue.failures = 0;
      // TikTok may name an order in a webhook a moment before its detail is served: ask again later.
      this.retry(queue, details.notFound, batch, "TikTok does not know the order yet");
    } catch (error) {
      if (isPermanent(error)) {
        console.warn(
          `Fetching TikTok orders for ${shopDomain} failed, left to the poller: ${message(error)}`,
        );
        return;
      }
      queue.failures += 1;
      this.retry(queue, [...batch.keys()], batch, message(error), isRetryable(error));
    }
  }

  private retry(queue: ShopQueue, ids: string[], batch: Map<string, number>, why: string, always = false) {
    let again = 0;
    for (const id of ids) {
      const attempts = (batch.get(id) ?? 0) + 1;
      if (this.stopped || (!always && attempts >= this.options.maxAttempts)) {
        console.warn(`TikTok order ${id} (${queue.store.shopDomain}) left to the poller: ${why}`);
      } else if (!queue.pending.has(id)) {
        queue.pending.set(id, attempts);
        again += 1;
      }
    }
    // Ids asked for again wait out a backoff rather than going straight back to TikTok.
    if (again > 0 && queue.failures === 0) queue.failures = 1;
  }

  private backoff(failures: number): number {
    const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (failures - 1));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private isIdle(): boolean {
    for (const queue of this.queues.values()) {
      if (queue.pending.size > 0 || queue.inFlight > 0 || queue.timer) return false;
    }
    return true;
  }

  private settle() {
    if (!this.isIdle()) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/** Errors a retry can't fix: the merchant must reconnect, or the app's TikTok credentials are wrong. */
function isPermanent(error: unknown): boolean {
  return (
    error instanceof TikTokAuthError ||
    error instanceof TikTokSignatureError ||
    error instanceof TikTokNotConfiguredError
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
