import type { AdminClient } from "~/admin-api/admin-client.server";
import {
  createFulfillment,
  readOpenFulfillmentLines,
  readOrdersFulfillments,
  type OpenFulfillmentLine,
} from "~/admin-api/operations/fulfillments";
import { getLinksForSkus } from "~/models/product-link.server";
import { listOrderPackageIds, recordTikTokTracking } from "~/models/shipment.server";
import type { UserError } from "~/admin-api/operations/user-errors";
import { carriedByTikTok, type TikTokLineItem, type TikTokOrder } from "~/tiktok/types";

type OrderRow = { id: string; shopId: string; shopifyOrderId: string | null };
type Package = { packageId: string; trackingNumber: string; company: string | null; lines: TikTokLineItem[] };

/**
 * TikTok Shipping's tracking, into Shopify (ADR 026): once TikTok has a tracking number for a package of a
 * TikTok-shipped order, the package's lines are fulfilled in Shopify with it (`notifyCustomer: false`), so
 * Shopify's reports and the merchant see it. Exactly once: each order's sync runs under its lease, a package
 * written is recorded, and before writing one the order's fulfilments are read: one with the package's
 * tracking number is taken as written (an earlier attempt's answer was lost).
 */
export async function syncTikTokTracking(
  row: OrderRow,
  order: TikTokOrder,
  client: () => Promise<AdminClient>,
  now: Date,
): Promise<{ ok: true } | { ok: false; userErrors: UserError[] }> {
  if (!carriedByTikTok(order) || !row.shopifyOrderId) return { ok: true };
  const written = await listOrderPackageIds(row.id);
  const pending = packagesOf(order).filter((pkg) => !written.has(pkg.packageId));
  if (pending.length === 0) return { ok: true };
  const admin = await client();
  const existing = await readOrdersFulfillments(admin, [row.shopifyOrderId]);
  const links = await getLinksForSkus(
    row.shopId,
    order.line_items.map((line) => line.sku_id),
  );
  for (const pkg of pending) {
    const lines = pkg.lines.map((line) => ({
      variantId: links.get(line.sku_id)?.shopifyVariantId ?? null,
      sku: line.seller_sku ?? null,
      quantity: 1,
    }));
    const already = existing.find((fulfillment) => fulfillment.trackingNumber === pkg.trackingNumber);
    if (already) {
      await recordTikTokTracking({
        ...base(row, pkg, lines, now),
        fulfillmentId: already.id,
        name: already.name,
      });
      continue;
    }
    const open = (await readOpenFulfillmentLines(admin, row.shopifyOrderId)) ?? [];
    const chosen = chooseOpenLines(open, lines);
    // Nothing left to fulfil of these items (the merchant fulfilled them in Shopify): nothing to write.
    if (chosen.length === 0) continue;
    const created = await createFulfillment(admin, {
      lines: chosen,
      tracking: { company: pkg.company, number: pkg.trackingNumber },
    });
    if (!created.ok) return { ok: false, userErrors: created.userErrors };
    await recordTikTokTracking({
      ...base(row, pkg, lines, now),
      fulfillmentId: created.value.id.split("/").pop() ?? created.value.id,
      name: created.value.name,
    });
  }
  return { ok: true };
}

function base(
  row: OrderRow,
  pkg: Package,
  lines: { variantId: string | null; sku: string | null; quantity: number }[],
  now: Date,
) {
  return {
    shopId: row.shopId,
    orderId: row.id,
    packageId: pkg.packageId,
    trackingCompany: pkg.company,
    trackingNumber: pkg.trackingNumber,
    lines,
    now,
  };
}

/** TikTok's packages with a tracking number, each with its lines (one per unit). */
function packagesOf(order: TikTokOrder): Package[] {
  const packages = new Map<string, Package>();
  for (const line of order.line_items) {
    if (!line.package_id || !line.tracking_number) continue;
    const pkg = packages.get(line.package_id) ?? {
      packageId: line.package_id,
      trackingNumber: line.tracking_number,
      company: line.shipping_provider_name ?? null,
      lines: [],
    };
    pkg.lines.push(line);
    packages.set(line.package_id, pkg);
  }
  return [...packages.values()];
}

/** The open Shopify lines a package's units take: the same variant, else the same SKU, as many as are left. */
function chooseOpenLines(
  open: OpenFulfillmentLine[],
  wanted: { variantId: string | null; sku: string | null; quantity: number }[],
): { fulfillmentOrderId: string; id: string; quantity: number }[] {
  const left = new Map(open.map((line) => [line.id, line.remainingQuantity]));
  const taken = new Map<string, { fulfillmentOrderId: string; id: string; quantity: number }>();
  for (const unit of wanted) {
    const line =
      open.find(
        (candidate) =>
          unit.variantId && candidate.variantId === unit.variantId && (left.get(candidate.id) ?? 0) > 0,
      ) ??
      open.find((candidate) => unit.sku && candidate.sku === unit.sku && (left.get(candidate.id) ?? 0) > 0);
    if (!line) continue;
    left.set(line.id, (left.get(line.id) ?? 0) - 1);
    const entry = taken.get(line.id) ?? {
      fulfillmentOrderId: line.fulfillmentOrderId,
      id: line.id,
      quantity: 0,
    };
    entry.quantity += 1;
    taken.set(line.id, entry);
  }
  return [...taken.values()];
}
