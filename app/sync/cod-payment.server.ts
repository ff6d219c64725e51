import { markPaymentRecorded } from "~/models/sync-run.server";
import type { AdminClient } from "~/admin-api/admin-client.server";
import { createManualPayment, getOrderPaymentState } from "~/admin-api/operations/orders";
import type { TikTokOrder } from "~/tiktok/types";
import { failureFromUserErrors, type Failure } from "./failures";
import { codPaidAt, COD_PAYMENT_METHOD, isCodDelivered } from "./mapping";
import { parseAmount, ZERO } from "./money";
import type { ClaimedOrder } from "./types";

/**
 * Records a cash-on-delivery order's payment in Shopify once TikTok reports it delivered
 * (docs/decisions/024-cash-on-delivery-and-replacements.md): the order was created pending, with no sale,
 * and the cash the courier collected is recorded with `orderCreateManualPayment`, under Shopify's COD method,
 * at TikTok's delivery time, in the currency the buyer paid (the order's presentment currency, TikTok's even
 * when the store's is another). Exactly once: the payment isn't idempotent, so Shopify's balance is read
 * before it is sent, and an order that owes nothing (paid by an earlier attempt whose answer was lost, or
 * created paid because it was delivered before it was synced) is only marked. A cancelled order records
 * nothing.
 */
export async function syncCodPayment(
  row: ClaimedOrder,
  order: TikTokOrder,
  client: () => Promise<AdminClient>,
  now: Date,
): Promise<{ ok: true } | { ok: false; failure: Failure }> {
  if (!row.shopifyOrderId || row.shopifyPaidAt || row.shopifyCancelledAt || !isCodDelivered(order))
    return { ok: true };
  const admin = await client();
  const state = await getOrderPaymentState(admin, row.shopifyOrderId);
  if (!state || state.cancelled) return { ok: true };
  if (parseAmount(state.outstanding) > ZERO) {
    const paidAt = codPaidAt(order, Math.floor(now.getTime() / 1000));
    const result = await createManualPayment(admin, {
      orderId: row.shopifyOrderId,
      amount: { amount: state.outstanding, currencyCode: state.currencyCode },
      method: COD_PAYMENT_METHOD,
      processedAt: new Date(paidAt * 1000).toISOString(),
    });
    if (!result.ok) return { ok: false, failure: failureFromUserErrors(result.userErrors) };
  }
  await markPaymentRecorded(row.id, now);
  return { ok: true };
}
