import type { Job } from "bullmq";
import { listPollableTikTokShops, type TikTokShopRef } from "~/models/tiktok-connection.server";
import { pruneWebhookReceipts } from "~/models/webhook-receipt.server";
import { isTikTokConfigured } from "~/tiktok/connection.server";
import { pollShop } from "~/tiktok/poll-shop.server";
import { REPLAY_WINDOW_SECONDS } from "~/tiktok/webhooks.server";
import { bullQueues } from "./queues.server";
import { sweep } from "./sweeper.server";

/**
 * The control queue's repeatable jobs: the sweeper, one TikTok poll per connected TikTok shop, and pruning old
 * webhook receipts. Every worker process re-declares them on an interval (an upsert is idempotent), so a
 * Redis that lost its data gets them back within one interval.
 */
export type ScheduleOptions = { sweepEveryMs: number; pollEveryMs: number };

const POLL_PREFIX = "poll-";

export async function ensureSchedules(options: ScheduleOptions): Promise<void> {
  const { control } = bullQueues();
  await control.upsertJobScheduler("sweep", { every: options.sweepEveryMs }, { name: "sweep" });
  await control.upsertJobScheduler("prune", { every: 3_600_000 }, { name: "prune" });
  const shops = isTikTokConfigured() ? await listPollableTikTokShops() : [];
  const idOf = (ref: TikTokShopRef) => `${POLL_PREFIX}${ref.shopDomain}-${ref.tiktokShopId}`;
  const wanted = new Set(shops.map(idOf));
  for (const ref of shops) {
    await control.upsertJobScheduler(idOf(ref), { every: options.pollEveryMs }, { name: "poll", data: ref });
  }
  for (const scheduler of await control.getJobSchedulers()) {
    const id = scheduler.id ?? scheduler.key;
    if (id.startsWith(POLL_PREFIX) && !wanted.has(id)) await control.removeJobScheduler(id);
  }
}

/** Runs one control job. */
export async function runControlJob(job: Job): Promise<unknown> {
  switch (job.name) {
    case "sweep":
      return sweep();
    case "poll": {
      const ref = job.data as TikTokShopRef;
      const result = await pollShop(ref);
      // A failed poll left the cursor where it was: the next one catches up.
      if (!result.ok) {
        console.warn(
          `Polling TikTok orders of ${ref.shopDomain} (TikTok shop ${ref.tiktokShopId}) failed: ${result.error}`,
        );
      }
      return { ok: result.ok, queued: result.queued };
    }
    case "prune":
      return pruneWebhookReceipts("TIKTOK", new Date(Date.now() - 2 * REPLAY_WINDOW_SECONDS * 1000));
    default:
      return undefined;
  }
}
