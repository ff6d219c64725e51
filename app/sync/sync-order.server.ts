import { randomUUID } from "node:crypto";
import type { Prisma, SyncTrigger } from "@prisma/client";
import {
  claimOrder,
  orderExists,
  releaseOrder,
  markAwaitingPayment,
  markUpToDate,
  type ClaimedRow,
} from "~/models/sync-run.server";
import { adminClientForShop } from "~/admin-api/admin-for-shop.server";
import type { AdminClient } from "~/admin-api/admin-client.server";
import type { TikTokOrder } from "~/tiktok/types";
import { adoptIfCreated, cancelInShopify, createInShopify } from "./create-order.server";
import { evaluateOrder } from "./evaluate";
import { DEFAULT_RETRY_POLICY, failureFromError, failureFromUserErrors, type RetryPolicy } from "./failures";
import { recordBlocked, recordFailure, recordFailureBeforeCreate } from "./outcomes.server";
import { loadSyncContext, parseStoredOrder } from "./sync-context.server";
import { syncCodPayment } from "./cod-payment.server";
import { syncTikTokTracking } from "~/fulfillment/tiktok-tracking.server";
import { syncTikTokRefunds } from "~/fulfillment/refunds.server";
import { syncShippingAddress } from "./shipping-address.server";
import {
  isBlocked,
  isPending,
  storedTrigger,
  type ClaimedOrder,
  type SyncOutcome,
  type SyncTriggerName,
} from "./types";

export type SyncOptions = {
  trigger: SyncTriggerName;
  /** Who holds the lease: a worker's id; a fresh one for a one-off call. */
  holder?: string;
  now?: () => Date;
  /** How transient failures are retried; the worker's configuration. */
  retry?: RetryPolicy;
};

// Longer than one create can take (timeouts included), short enough that a crashed worker's orders
// are picked up again within minutes.
export const LEASE_MS = 5 * 60_000;

/**
 * The one entry point that syncs a TikTok order into Shopify, for the worker, the Sync button and bulk sync.
 * It holds the order's lease throughout, so two callers can't create it twice; a create whose answer was
 * lost is recovered by looking the order up in Shopify before anything is created again.
 */
export async function syncOrder(orderId: string, options: SyncOptions): Promise<SyncOutcome> {
  const holder = options.holder ?? randomUUID();
  const now = options.now ?? (() => new Date());
  const row = await claimOrder(orderId, holder, LEASE_MS, now());
  if (!row) return (await orderExists(orderId)) ? { status: "busy" } : { status: "missing" };
  return syncClaimed(row, { ...options, holder });
}

/** syncOrder for an order `holder` has just claimed (the embedded worker claims due orders in batches). */
export async function syncClaimed(
  row: ClaimedRow,
  options: SyncOptions & { holder: string },
): Promise<SyncOutcome> {
  const { holder } = options;
  const now = options.now ?? (() => new Date());
  const trigger = storedTrigger(options.trigger);
  const lease = { released: false };
  try {
    return await runSync(
      { ...row, holder, lease, retry: options.retry ?? DEFAULT_RETRY_POLICY },
      trigger,
      now,
    );
  } finally {
    if (!lease.released) await releaseOrder(row.id, holder, row.updateTime);
  }
}

async function runSync(row: ClaimedOrder, trigger: SyncTrigger, now: () => Date): Promise<SyncOutcome> {
  const parsed = parseStoredOrder(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "order";
    const message = `The TikTok order lacks ${field}: ${issue?.message ?? "invalid"}.`;
    return recordFailureBeforeCreate(row, trigger, { code: "MISSING_REQUIRED_FIELD", message });
  }
  const order = parsed.data;
  if (row.shopifyOrderId) return afterCreated(row, order, trigger, now);

  let client: AdminClient;
  try {
    client = await adminClientForShop(row.shop.domain, row.session);
    const previous = row.lastAttempt;
    if (previous?.outcome === "CREATING" || row.combinedIntoId) {
      const adopted = await adoptIfCreated(
        client,
        row,
        previous?.outcome === "CREATING" ? previous.id : null,
      );
      // Adopted: what is left is what follows a create, such as cancelling it when TikTok cancelled the order.
      if (adopted?.status === "synced" && order.status === "CANCELLED") {
        const created = {
          shopifyOrderId: adopted.shopifyOrderId,
          shopifyOrderName: adopted.shopifyOrderName,
        };
        return await afterCreated({ ...row, ...created }, order, trigger, now);
      }
      if (adopted) return adopted;
    }
    const loaded = await loadSyncContext(row, order, client, now());
    const verdict = evaluateOrder(order, loaded.ctx, {
      manual: trigger === "MANUAL" || trigger === "LINKED",
    });
    if (isPending(verdict)) {
      await markAwaitingPayment(row.id);
      return { status: "pending" };
    }
    const stages = verdict.stages as unknown as Prisma.InputJsonValue;
    if (isBlocked(verdict)) {
      const retryAt =
        verdict.reason === "SAMPLE_PENDING_COMBINATION" ? (loaded.ctx.sampleGroupWindowEndsAt ?? null) : null;
      await recordBlocked(row, trigger, verdict.reason, verdict.stage, stages, retryAt);
      return { status: "blocked", reason: verdict.reason, stage: verdict.stage };
    }
    return await createInShopify(client, row, order, loaded, trigger, stages, now);
  } catch (error) {
    return recordFailure(row, trigger, failureFromError(error), now());
  }
}

/**
 * A Shopify order exists: what is left is to cancel it when TikTok cancelled the order, to send TikTok's
 * new shipping address when it changed, and to record a cash-on-delivery order's payment once delivered.
 */
async function afterCreated(
  row: ClaimedOrder,
  order: TikTokOrder,
  trigger: SyncTrigger,
  now: () => Date,
): Promise<SyncOutcome> {
  const shopifyOrderId = row.shopifyOrderId ?? "";
  const client = () => adminClientForShop(row.shop.domain, row.session);
  try {
    if (order.status === "CANCELLED") {
      if (!row.shopifyCancelledAt) await cancelInShopify(await client(), row, shopifyOrderId);
    } else {
      const address = await syncShippingAddress(row, order, client);
      if (!address.ok) return await recordFailure(row, trigger, address.failure, now());
      const payment = await syncCodPayment(row, order, client, now());
      if (!payment.ok) return await recordFailure(row, trigger, payment.failure, now());
      const tracking = await syncTikTokTracking(row, order, client, now());
      if (!tracking.ok)
        return await recordFailure(row, trigger, failureFromUserErrors(tracking.userErrors), now());
    }
    // Refunds TikTok made of returns, once TikTok said one changed (cancelled or not, the order can have one).
    const refunds = await syncTikTokRefunds(row.shop.domain, row, order, client);
    if (!refunds.ok)
      return await recordFailure(row, trigger, failureFromUserErrors(refunds.userErrors), now());
  } catch (error) {
    return recordFailure(row, trigger, failureFromError(error), now());
  }
  await markUpToDate(row.id);
  return {
    status: "synced",
    shopifyOrderId,
    shopifyOrderName: row.shopifyOrderName,
    adopted: false,
    existing: true,
  };
}
