import type { AdminClient } from "~/admin-api/admin-client.server";
import type { OrderRefundableQuery, RefundCreateMutation } from "~/types/admin.generated";
import type { MutationResult } from "./user-errors";

/** What a refund of an order needs: its lines still refundable, and the payment to refund from. */
export const ORDER_REFUNDABLE = `#graphql
  query OrderRefundable($id: ID!) {
    order(id: $id) {
      id
      presentmentCurrencyCode
      lineItems(first: 100) {
        nodes {
          id
          sku
          refundableQuantity
          variant {
            id
          }
        }
      }
      transactions(first: 20) {
        id
        kind
        status
        gateway
      }
      refunds(first: 50) {
        id
        note
      }
    }
  }
`;

export const REFUND_CREATE = `#graphql
  mutation RefundCreate($input: RefundInput!, $key: String!) {
    refundCreate(input: $input) @idempotent(key: $key) {
      refund {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export type RefundableOrder = {
  currency: string;
  lines: { id: string; sku: string | null; variantId: string | null; refundableQuantity: number }[];
  /**
   * The payment a refund goes back through: its id and gateway (which Shopify's schema lets be null); null
   * when nothing was paid.
   */
  payment: { id: string; gateway: string | null } | null;
  /** The refunds made already, with their notes (the app's name the TikTok return they are for). */
  refunds: { id: string; note: string | null }[];
};

export async function readRefundableOrder(
  client: AdminClient,
  orderId: string,
): Promise<RefundableOrder | null> {
  const data = await client.request<OrderRefundableQuery>(ORDER_REFUNDABLE, { id: orderId });
  if (!data.order) return null;
  const paid = data.order.transactions.find(
    (transaction) =>
      (transaction.kind === "SALE" || transaction.kind === "CAPTURE") && transaction.status === "SUCCESS",
  );
  return {
    currency: data.order.presentmentCurrencyCode,
    lines: data.order.lineItems.nodes.map((line) => ({
      id: line.id,
      sku: line.sku,
      variantId: line.variant?.id ?? null,
      refundableQuantity: line.refundableQuantity,
    })),
    payment: paid ? { id: paid.id, gateway: paid.gateway } : null,
    refunds: data.order.refunds,
  };
}

/**
 * Refunds lines and money of an order, once per `key`: Shopify answers a repeated key with the refund it
 * made the first time (its `@idempotent` directive), so a retry after a lost answer refunds nothing twice.
 */
export async function createRefund(
  client: AdminClient,
  args: {
    key: string;
    orderId: string;
    currency: string;
    note: string;
    lines: { lineItemId: string; quantity: number; restockType: "RETURN" | "NO_RESTOCK" }[];
    money: { amount: string; parentId: string; gateway: string | null } | null;
  },
): Promise<MutationResult<{ id: string }>> {
  const data = await client.request<RefundCreateMutation>(
    REFUND_CREATE,
    {
      key: args.key,
      input: {
        orderId: args.orderId,
        currency: args.currency,
        note: args.note,
        notify: false,
        refundLineItems: args.lines,
        transactions: args.money
          ? [
              {
                orderId: args.orderId,
                parentId: args.money.parentId,
                gateway: args.money.gateway,
                amount: args.money.amount,
                kind: "REFUND",
              },
            ]
          : [],
      },
    },
    { idempotent: true },
  );
  const result = data.refundCreate;
  if (!result?.refund) return { ok: false, userErrors: result?.userErrors ?? [] };
  return { ok: true, value: result.refund };
}
