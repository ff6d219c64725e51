import { type Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { decryptWithAny, encrypt, parseKey } from "~/lib/encryption.server";

/**
 * Shopify's mandatory compliance requests, over what the app holds: TikTok orders (whose raw JSON carries
 * the buyer's personal data) and their sync records. Everything is scoped by the requesting store.
 */

/** The TikTok order fields that identify or describe the buyer. */
export const PERSONAL_FIELDS = ["recipient_address", "buyer_email", "buyer_message", "user_id"] as const;
export const REDACTED = "[redacted]";

export type CustomerMatch = {
  email?: string | null;
  shopifyOrderIds: readonly string[];
  /** Shopify's id of the customer: their pending data reports go with a redaction too. */
  shopifyCustomerId?: string | null;
};

const orderGid = (id: string) => (id.startsWith("gid://") ? id : `gid://shopify/Order/${id}`);

/** The store's TikTok orders that belong to the customer: synced to one of their Shopify orders, or theirs by email. */
async function findCustomerOrders(shopDomain: string, match: CustomerMatch) {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  if (!shop) return [];
  const or: Prisma.TikTokOrderWhereInput[] = [];
  if (match.shopifyOrderIds.length > 0) {
    or.push({ shopifyOrderId: { in: match.shopifyOrderIds.map(orderGid) } });
  }
  const email = match.email?.trim();
  if (email) or.push({ raw: { path: ["buyer_email"], equals: email } });
  if (or.length === 0) return [];
  return prisma.tikTokOrder.findMany({
    where: { shopId: shop.id, OR: or },
    select: { id: true, tiktokOrderId: true, shopifyOrderId: true, createTime: true, raw: true },
    orderBy: [{ createTime: "asc" }, { tiktokOrderId: "asc" }],
  });
}

const asObject = (raw: Prisma.JsonValue): Prisma.JsonObject =>
  raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};

export type CustomerDataReport = {
  orders: {
    tiktokOrderId: string;
    shopifyOrderId: string | null;
    placedAt: string;
    personalData: Partial<Record<(typeof PERSONAL_FIELDS)[number], Prisma.JsonValue>>;
  }[];
};

/** customers/data_request: the buyer data held for the customer, per TikTok order. Stores nothing. */
export async function reportCustomerData(
  shopDomain: string,
  match: CustomerMatch,
): Promise<CustomerDataReport> {
  const orders = await findCustomerOrders(shopDomain, match);
  return {
    orders: orders.map((order) => {
      const raw = asObject(order.raw);
      const personalData: CustomerDataReport["orders"][number]["personalData"] = {};
      for (const field of PERSONAL_FIELDS) if (raw[field] !== undefined) personalData[field] = raw[field];
      return {
        tiktokOrderId: order.tiktokOrderId,
        shopifyOrderId: order.shopifyOrderId,
        placedAt: order.createTime.toISOString(),
        personalData,
      };
    }),
  };
}

/**
 * customers/redact: deletes the customer's data reports not yet downloaded, replaces the buyer's personal fields in the stored TikTok orders with a marker and
 * takes the orders off the queue (a redacted order can't be synced again). The order row, its status and its
 * attempts stay: they are the store's non-personal sync record. The search terms are made again from what
 * is left, in the same transaction, so the buyer's name can't be searched for any more.
 */
export async function redactCustomer(shopDomain: string, match: CustomerMatch): Promise<number> {
  if (match.shopifyCustomerId)
    await prisma.dataRequest.deleteMany({
      where: { shop: { domain: shopDomain }, shopifyCustomerId: match.shopifyCustomerId },
    });
  const orders = await findCustomerOrders(shopDomain, match);
  if (orders.length === 0) return 0;
  const redacted = orders.map((order) => {
    const raw = { ...asObject(order.raw) };
    for (const field of PERSONAL_FIELDS) if (field in raw) raw[field] = REDACTED;
    return prisma.tikTokOrder.update({
      where: { id: order.id },
      data: { raw, nextAttemptAt: null, queuedTrigger: null },
    });
  });
  const ids = orders.map((order) => order.id);
  await prisma.$transaction([
    ...redacted,
    prisma.$executeRaw`UPDATE "TikTokOrder" SET "searchTerms" = "TikTokOrder_searchTerms"("raw")
      WHERE "id" = ANY(${ids})`,
  ]);
  return orders.length;
}

/** shop/redact: deletes everything held for the store (orders, attempts, links, connection, sessions). */
export async function redactShop(shopDomain: string): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop: shopDomain } }),
    // Orders (with their attempts), links and the TikTok connection cascade from the store's row.
    prisma.shop.deleteMany({ where: { domain: shopDomain } }),
    prisma.webhookReceipt.deleteMany({ where: { shopDomain } }),
  ]);
}

// Reports hold personal data: sealed like the tokens (AES-256-GCM, TOKEN_ENCRYPTION_KEY, the previous key read too).
const key = parseKey(env.TOKEN_ENCRYPTION_KEY);
const keys = env.TOKEN_ENCRYPTION_KEY_PREVIOUS ? [key, parseKey(env.TOKEN_ENCRYPTION_KEY_PREVIOUS)] : [key];
const ERASED = "";

/** customers/data_request: keeps the report for the store owner; false when the store is unknown. */
export async function keepDataRequest(
  shopDomain: string,
  request: { shopifyCustomerId: string | null; report: CustomerDataReport },
  now = new Date(),
): Promise<boolean> {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  if (!shop) return false;
  await prisma.dataRequest.create({
    data: {
      shopId: shop.id,
      receivedAt: now,
      shopifyCustomerId: request.shopifyCustomerId,
      orderCount: request.report.orders.length,
      reportEncrypted: encrypt(JSON.stringify(request.report), key),
    },
  });
  return true;
}

export type DataRequestRow = { id: string; receivedAt: Date; orderCount: number; downloadedAt: Date | null };

/** The store's data requests, newest first: what Settings → Privacy requests lists. */
export async function listDataRequests(shopDomain: string, take = 50): Promise<DataRequestRow[]> {
  return prisma.dataRequest.findMany({
    where: { shop: { domain: shopDomain } },
    select: { id: true, receivedAt: true, orderCount: true, downloadedAt: true },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take,
  });
}

/** One of the store's requests whose report waits to be downloaded; null for another store's or a downloaded one. */
export async function findPendingDataRequest(shopDomain: string, id: string): Promise<DataRequestRow | null> {
  return prisma.dataRequest.findFirst({
    where: { id, shop: { domain: shopDomain }, downloadedAt: null },
    select: { id: true, receivedAt: true, orderCount: true, downloadedAt: true },
  });
}

/** How many of the store's reports wait to be downloaded. */
export async function countPendingDataRequests(shopDomain: string): Promise<number> {
  return prisma.dataRequest.count({ where: { shop: { domain: shopDomain }, downloadedAt: null } });
}

/**
 * The report, handed over once: it is erased as it is read (only a download that erased it gets it), and
 * the request keeps when it was downloaded. Null for another store's id, an unknown one, or one downloaded.
 */
export async function takeDataRequestReport(
  shopDomain: string,
  id: string,
  now = new Date(),
): Promise<CustomerDataReport | null> {
  const row = await prisma.dataRequest.findFirst({
    where: { id, shop: { domain: shopDomain }, downloadedAt: null },
    select: { reportEncrypted: true },
  });
  if (!row) return null;
  const taken = await prisma.dataRequest.updateMany({
    where: { id, downloadedAt: null },
    data: { downloadedAt: now, reportEncrypted: ERASED },
  });
  if (taken.count !== 1) return null;
  return JSON.parse(decryptWithAny(row.reportEncrypted, keys)) as CustomerDataReport;
}

/** Re-encrypts the reports not yet downloaded under the current key (a key rotation); how many were. */
export async function reencryptDataReports(): Promise<number> {
  const rows = await prisma.dataRequest.findMany({
    where: { downloadedAt: null },
    select: { id: true, reportEncrypted: true },
  });
  let rewritten = 0;
  for (const row of rows) {
    const resealed = encrypt(decryptWithAny(row.reportEncrypted, keys), key);
    const { count } = await prisma.dataRequest.updateMany({
      where: row,
      data: { reportEncrypted: resealed },
    });
    rewritten += count;
  }
  return rewritten;
}
