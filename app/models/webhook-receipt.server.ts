import { randomUUID } from "node:crypto";
import type { WebhookSource } from "@prisma/client";
import prisma, { database } from "~/db.server";

export type NewWebhookReceipt = {
  source: WebhookSource;
  notificationId: string;
  topic: string;
  shopDomain?: string | null;
};

/**
 * Records a delivery once. Returns false when the same notification was already recorded: the unique
 * `(source, notificationId)` decides, so two deliveries racing each other can't both be accepted.
 */
export async function recordWebhookReceipt(receipt: NewWebhookReceipt): Promise<boolean> {
  const { source, ...rest } = receipt;
  const fresh = await recordWebhookReceipts(source, [rest]);
  return fresh.has(receipt.notificationId);
}

/**
 * Whether this delivery was recorded already (handled once, so a repeat is only acknowledged). Straight to
 * the driver, like the inserts: every Shopify webhook asks it.
 */
export async function hasWebhookReceipt(source: WebhookSource, notificationId: string): Promise<boolean> {
  const seen = await database.query(
    `SELECT 1 FROM "WebhookReceipt" WHERE "source" = $1::"WebhookSource" AND "notificationId" = $2`,
    [source, notificationId],
  );
  return seen.length > 0;
}

/**
 * Forgets receipts older than `before`. Only safe for deliveries older than the replay window: a repeat of
 * one of those is refused by its timestamp before its receipt is looked up.
 */
export async function pruneWebhookReceipts(source: WebhookSource, before: Date): Promise<number> {
  const { count } = await prisma.webhookReceipt.deleteMany({ where: { source, receivedAt: { lt: before } } });
  return count;
}

/**
 * Records many deliveries from one source in one statement; returns the notification ids that were new.
 * A burst of webhooks then costs one insert per batch instead of one per delivery.
 */
export async function recordWebhookReceipts(
  source: WebhookSource,
  receipts: readonly Omit<NewWebhookReceipt, "source">[],
): Promise<Set<string>> {
  if (receipts.length === 0) return new Set();
  const rows = await database.query<{ notificationId: string }>(INSERT_RECEIPTS, [
    source,
    receipts.map(() => randomUUID()),
    receipts.map((receipt) => receipt.notificationId),
    receipts.map((receipt) => receipt.topic),
    receipts.map((receipt) => receipt.shopDomain ?? null),
  ]);
  return new Set(rows.map((row) => row.notificationId));
}

// unnest keeps the statement the same size for any batch, so the database parses one short query.
const INSERT_RECEIPTS = `
INSERT INTO "WebhookReceipt" ("id", "source", "notificationId", "topic", "shopDomain")
SELECT t.id, $1::"WebhookSource", t.notification_id, t.topic, t.shop_domain
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, notification_id, topic, shop_domain)
ON CONFLICT ("source", "notificationId") DO NOTHING
RETURNING "notificationId"`;
