import { listPollableTikTokShops } from "~/models/tiktok-connection.server";
import { pruneWebhookReceipts } from "~/models/webhook-receipt.server";
import { pollShop, type PollOptions, type PollResult } from "./poll-shop.server";
import { REPLAY_WINDOW_SECONDS } from "./webhooks.server";

/**
 * TikTok says webhooks can be missed, so every connected store is also polled on an interval; a missed
 * webhook costs minutes, not an order.
 */
export type PollerOptions = PollOptions & {
  intervalMs: number;
  /** Delay before the first scheduled poll. */
  firstPollDelayMs?: number;
  /** Longest wait between polls of a store that keeps failing. */
  maxBackoffMs?: number;
};
export type Backoff = { failures: number; retryAt: Date };
export type Poller = {
  stop(): Promise<void>;
  /** Polls one store, or every pollable store, now, whatever their backoff. */
  pollNow(shopDomain?: string): Promise<PollResult[]>;
  /** A store's backoff after failed polls; undefined while its polls succeed. */
  backoff(shopDomain: string): Backoff | undefined;
};

/**
 * Polls every connected store each interval, one store at a time. A store whose poll fails waits twice as
 * long before each next try (up to `maxBackoffMs`); its cursor did not move, so the next successful poll
 * catches up on everything it missed.
 */
export function startPoller(options: PollerOptions): Poller {
  const maxBackoffMs = options.maxBackoffMs ?? 30 * 60_000;
  const backoffs = new Map<string, Backoff>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let lastPrune = 0;

  async function pollOne(shopDomain: string): Promise<PollResult> {
    const result = await pollShop(shopDomain, options);
    if (result.ok) backoffs.delete(shopDomain);
    else {
      const failures = (backoffs.get(shopDomain)?.failures ?? 0) + 1;
      const delay = Math.min(maxBackoffMs, options.intervalMs * 2 ** failures);
      backoffs.set(shopDomain, { failures, retryAt: new Date(Date.now() + delay) });
      console.warn(`Polling TikTok orders of ${shopDomain} failed (${failures}×): ${result.error}`);
    }
    return result;
  }

  async function pollAll(respectBackoff: boolean): Promise<PollResult[]> {
    const results: PollResult[] = [];
    for (const shopDomain of await listPollableTikTokShops()) {
      if (stopped) break;
      const backoff = backoffs.get(shopDomain);
      if (respectBackoff && backoff && backoff.retryAt.getTime() > Date.now()) continue;
      results.push(await pollOne(shopDomain));
    }
    // Receipts older than the replay window can't match a delivery that would still be accepted.
    if (Date.now() - lastPrune > 3_600_000) {
      lastPrune = Date.now();
      await pruneWebhookReceipts("TIKTOK", new Date(Date.now() - 2 * REPLAY_WINDOW_SECONDS * 1000));
    }
    return results;
  }

  /** Polls run one after another: a manual poll waits for the scheduled one and vice versa. */
  function serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = running.then(work, work);
    running = next.catch(() => undefined);
    return next;
  }

  function schedule(delayMs: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      void serialize(() => pollAll(true))
        .catch((error: unknown) => console.warn(`Polling TikTok orders failed: ${String(error)}`))
        .finally(() => schedule(options.intervalMs));
    }, delayMs);
    timer.unref();
  }

  // Soon after start-up: catch up on whatever happened while the app was down.
  schedule(options.firstPollDelayMs ?? Math.min(options.intervalMs, 5_000));
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    pollNow(shopDomain) {
      return serialize(async () => (shopDomain ? [await pollOne(shopDomain)] : pollAll(false)));
    },
    backoff: (shopDomain) => backoffs.get(shopDomain),
  };
}
