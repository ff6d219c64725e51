import { listPollableTikTokShops, type TikTokShopRef } from "~/models/tiktok-connection.server";
import { pruneWebhookReceipts } from "~/models/webhook-receipt.server";
import { pollShop, type PollOptions, type PollResult } from "./poll-shop.server";
import { REPLAY_WINDOW_SECONDS } from "./webhooks.server";

/**
 * TikTok says webhooks can be missed, so every connected TikTok shop is also polled on an interval; a missed
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
  /** Polls the TikTok shops of one store, or every pollable TikTok shop, now, whatever their backoff. */
  pollNow(shopDomain?: string): Promise<PollResult[]>;
  /** A TikTok shop's backoff after failed polls; undefined while its polls succeed. */
  backoff(ref: TikTokShopRef): Backoff | undefined;
};

const keyOf = (ref: TikTokShopRef) => `${ref.shopDomain} ${ref.tiktokShopId}`;

/**
 * Polls every connected TikTok shop each interval, one at a time. A shop whose poll fails waits twice as
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

  async function pollOne(ref: TikTokShopRef): Promise<PollResult> {
    const result = await pollShop(ref, options);
    if (result.ok) backoffs.delete(keyOf(ref));
    else {
      const failures = (backoffs.get(keyOf(ref))?.failures ?? 0) + 1;
      const delay = Math.min(maxBackoffMs, options.intervalMs * 2 ** failures);
      backoffs.set(keyOf(ref), { failures, retryAt: new Date(Date.now() + delay) });
      console.warn(
        `Polling TikTok orders of ${ref.shopDomain} (TikTok shop ${ref.tiktokShopId}) failed (${failures}×): ${result.error}`,
      );
    }
    return result;
  }

  async function pollAll(respectBackoff: boolean, shopDomain?: string): Promise<PollResult[]> {
    const results: PollResult[] = [];
    for (const ref of await listPollableTikTokShops()) {
      if (stopped) break;
      if (shopDomain !== undefined && ref.shopDomain !== shopDomain) continue;
      const backoff = backoffs.get(keyOf(ref));
      if (respectBackoff && backoff && backoff.retryAt.getTime() > Date.now()) continue;
      results.push(await pollOne(ref));
    }
    if (shopDomain !== undefined) return results;
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
      return serialize(() => pollAll(false, shopDomain));
    },
    backoff: (ref) => backoffs.get(keyOf(ref)),
  };
}
