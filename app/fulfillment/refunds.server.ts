import type { AdminClient } from "~/admin-api/admin-client.server";
import { createRefund, readRefundableOrder } from "~/admin-api/operations/refunds";
import type { UserError } from "~/admin-api/operations/user-errors";
import { getLinksForSkus } from "~/models/product-link.server";
import { getShopSettings } from "~/models/shop.server";
import {
  clearRefundsDue,
  listOrderRefunds,
  readRefundsDue,
  recordRefund,
  recordTikTokReturns,
} from "~/models/tiktok-order.server";
import { tiktokClientForShop } from "~/tiktok/connection.server";
import type { TikTokOrder } from "~/tiktok/types";

type OrderRow = {
  id: string;
  shopId: string;
  shopifyOrderId: string | null;
  tiktokShopId: string | null;
  refundsDue: boolean;
};

/** TikTok's statuses for a return or refund whose money went back to the buyer. */
const REFUNDED = new Set(["RETURN_OR_REFUND_REQUEST_COMPLETE"]);

/**
 * TikTok's refunds, made in Shopify (ADR 026): once TikTok says a return or refund changed (webhook 12), the
 * order's completed returns are refunded in Shopify with `refundCreate` — the same lines (items returned are
 * restocked when the store's restock setting is on; a refund without a return never is) and TikTok's
 * amount, back through the order's payment, without e-mailing the buyer. Once per return: TikTok's return id
 * is Shopify's idempotency key, each refund made is recorded, and one made whose answer was lost is found by
 * its note.
 */
export async function syncTikTokRefunds(
  shopDomain: string,
  row: OrderRow,
  order: TikTokOrder,
  client: () => Promise<AdminClient>,
): Promise<{ ok: true } | { ok: false; userErrors: UserError[] }> {
  if (!row.refundsDue || !row.shopifyOrderId || !row.tiktokShopId) return { ok: true };
  const due = await readRefundsDue(row.id);
  if (!due?.refundsDue) return { ok: true };
  const made = await refundDue(
    shopDomain,
    { ...row, shopifyOrderId: row.shopifyOrderId, tiktokShopId: row.tiktokShopId },
    order,
    client,
  );
  // Made: done, unless TikTok said a return changed while this looked (it stays due, and is looked at again).
  if (made.ok) await clearRefundsDue(row.id, due.refundsDueCount);
  return made;
}

async function refundDue(
  shopDomain: string,
  row: OrderRow & { shopifyOrderId: string; tiktokShopId: string },
  order: TikTokOrder,
  client: () => Promise<AdminClient>,
): Promise<{ ok: true } | { ok: false; userErrors: UserError[] }> {
  const tiktok = await tiktokClientForShop({ shopDomain, tiktokShopId: row.tiktokShopId });
  const done = new Set((await listOrderRefunds(row.id)).map((refund) => refund.returnId));
  const returns = await tiktok.searchReturns(order.id);
  // Where each return stands, for the order page: requested, awaiting the parcel, refunded…
  await recordTikTokReturns(
    row.id,
    returns.map((found) => ({
      returnId: found.return_id,
      type: found.return_type,
      status: found.return_status,
    })),
  );
  const due = returns.filter((found) => REFUNDED.has(found.return_status) && !done.has(found.return_id));
  if (due.length > 0) {
    const { restockReturns } = await getShopSettings(shopDomain);
    const admin = await client();
    const links = await getLinksForSkus(
      row.shopId,
      order.line_items.map((line) => line.sku_id),
    );
    for (const found of due) {
      const refundable = await readRefundableOrder(admin, row.shopifyOrderId);
      if (!refundable) break;
      const note = `TikTok ${found.return_type === "RETURN_AND_REFUND" ? "return and refund" : "refund"} ${found.return_id}`;
      // Made already, and its answer lost (or its record): what is left to refund has changed since, so
      // asking again with the same key would be refused as another operation. Recorded as it was made.
      const made = refundable.refunds.find((refund) => refund.note === note);
      if (made) {
        await recordRefund({
          shopId: row.shopId,
          orderId: row.id,
          returnId: found.return_id,
          returnType: found.return_type,
          shopifyRefundId: made.id,
          amount: found.refund_amount?.refund_total ?? "0",
          currency: found.refund_amount?.currency ?? refundable.currency,
          restocked: restockReturns && found.return_type === "RETURN_AND_REFUND",
        });
        continue;
      }
      const left = new Map(refundable.lines.map((line) => [line.id, line.refundableQuantity]));
      const quantities = new Map<string, number>();
      for (const returned of found.return_line_items) {
        const line = order.line_items.find((candidate) => candidate.id === returned.order_line_item_id);
        if (!line) continue;
        const variantId = links.get(line.sku_id)?.shopifyVariantId;
        const shopifyLine =
          refundable.lines.find((c) => variantId && c.variantId === variantId && (left.get(c.id) ?? 0) > 0) ??
          refundable.lines.find(
            (c) => line.seller_sku && c.sku === line.seller_sku && (left.get(c.id) ?? 0) > 0,
          );
        if (!shopifyLine) continue;
        left.set(shopifyLine.id, (left.get(shopifyLine.id) ?? 0) - 1);
        quantities.set(shopifyLine.id, (quantities.get(shopifyLine.id) ?? 0) + 1);
      }
      const amount = found.refund_amount?.refund_total ?? "0";
      const restocked = restockReturns && found.return_type === "RETURN_AND_REFUND";
      const restockType = restocked ? ("RETURN" as const) : ("NO_RESTOCK" as const);
      const created = await createRefund(admin, {
        key: `tiktok-return-${found.return_id}`,
        orderId: row.shopifyOrderId,
        currency: refundable.currency,
        note,
        lines: [...quantities].map(([lineItemId, quantity]) => ({ lineItemId, quantity, restockType })),
        money:
          refundable.payment && Number(amount) > 0
            ? { amount, parentId: refundable.payment.id, gateway: refundable.payment.gateway }
            : null,
      });
      if (!created.ok) return { ok: false, userErrors: created.userErrors };
      await recordRefund({
        shopId: row.shopId,
        orderId: row.id,
        returnId: found.return_id,
        returnType: found.return_type,
        shopifyRefundId: created.value.id,
        amount,
        currency: found.refund_amount?.currency ?? refundable.currency,
        restocked,
      });
    }
  }
  return { ok: true };
}
