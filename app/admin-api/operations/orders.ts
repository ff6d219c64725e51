import type { AdminClient } from "~/admin-api/admin-client.server";
import type {
  OrderCancelMutation,
  OrderCreateManualPaymentMutation,
  OrderCreateMutation,
  OrderPaymentStateQuery,
  OrdersBySourceIdentifierQuery,
  OrderTagsQuery,
  OrderUpdateShippingAddressMutation,
} from "~/types/admin.generated";
import type { MutationResult } from "./user-errors";

export const ORDER_CREATE = `#graphql
  mutation OrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
    orderCreate(order: $order, options: $options) {
      order {
        id
        name
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const ORDER_CANCEL = `#graphql
  mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) {
    orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer, refund: false, staffNote: $staffNote) {
      job {
        id
      }
      orderCancelUserErrors {
        field
        message
        code
      }
    }
  }
`;

export const ORDER_UPDATE_SHIPPING_ADDRESS = `#graphql
  mutation OrderUpdateShippingAddress($input: OrderInput!) {
    orderUpdate(input: $input) {
      order {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const ORDER_TAGS = `#graphql
  query OrderTags($id: ID!) {
    order(id: $id) {
      id
      tags
    }
  }
`;

export const ORDERS_BY_SOURCE_IDENTIFIER = `#graphql
  query OrdersBySourceIdentifier($query: String!) {
    orders(first: 5, query: $query) {
      nodes {
        id
        name
        sourceIdentifier
        cancelledAt
      }
    }
  }
`;

export type ShopifyOrderRef = NonNullable<NonNullable<OrderCreateMutation["orderCreate"]>["order"]>;

export async function createOrder(
  client: AdminClient,
  input: { order: unknown; options: unknown },
): Promise<MutationResult<ShopifyOrderRef>> {
  const data = await client.request<OrderCreateMutation>(ORDER_CREATE, input, { idempotent: false });
  const payload = data.orderCreate;
  if (payload?.order && payload.userErrors.length === 0) return { ok: true, value: payload.order };
  return {
    ok: false,
    userErrors: payload?.userErrors.length ? payload.userErrors : [{ message: "Shopify created no order." }],
  };
}

export async function cancelOrder(
  client: AdminClient,
  args: { orderId: string; restock: boolean; staffNote?: string },
): Promise<MutationResult<{ jobId: string | null }>> {
  const data = await client.request<OrderCancelMutation>(ORDER_CANCEL, {
    ...args,
    reason: "CUSTOMER",
    notifyCustomer: false,
  });
  const payload = data.orderCancel;
  if (payload && payload.orderCancelUserErrors.length === 0)
    return { ok: true, value: { jobId: payload.job?.id ?? null } };
  return {
    ok: false,
    userErrors: payload?.orderCancelUserErrors ?? [{ message: "Shopify did not cancel the order." }],
  };
}

/** Sets an order's shipping address; with `tags`, its tags too (they replace the order's tags). */
export async function updateOrderShippingAddress(
  client: AdminClient,
  orderId: string,
  shippingAddress: Record<string, unknown>,
  tags?: readonly string[],
): Promise<MutationResult<null>> {
  const data = await client.request<OrderUpdateShippingAddressMutation>(ORDER_UPDATE_SHIPPING_ADDRESS, {
    input: { id: orderId, shippingAddress, ...(tags ? { tags } : {}) },
  });
  const errors = data.orderUpdate?.userErrors ?? [];
  return errors.length === 0 ? { ok: true, value: null } : { ok: false, userErrors: errors };
}

/** An order's tags as Shopify has them now (the merchant may have added some); null when it is gone. */
export async function getOrderTags(client: AdminClient, orderId: string): Promise<string[] | null> {
  const data = await client.request<OrderTagsQuery>(ORDER_TAGS, { id: orderId });
  return data.order?.tags ?? null;
}

export type FoundOrder = OrdersBySourceIdentifierQuery["orders"]["nodes"][number];

/** The Shopify orders this app created for a TikTok order: how a lost create response is recovered. */
export async function findOrdersBySourceIdentifier(
  client: AdminClient,
  sourceIdentifier: string,
): Promise<FoundOrder[]> {
  const query = `source_identifier:"${sourceIdentifier.replace(/["\\]/g, "")}"`;
  const data = await client.request<OrdersBySourceIdentifierQuery>(ORDERS_BY_SOURCE_IDENTIFIER, { query });
  // The search is a filter, not a promise: keep only exact matches.
  return data.orders.nodes.filter((order) => order.sourceIdentifier === sourceIdentifier);
}

export const ORDER_PAYMENT_STATE = `#graphql
  query OrderPaymentState($id: ID!) {
    order(id: $id) {
      id
      displayFinancialStatus
      cancelledAt
      totalOutstandingSet {
        presentmentMoney {
          amount
          currencyCode
        }
      }
    }
  }
`;

export const ORDER_CREATE_MANUAL_PAYMENT = `#graphql
  mutation OrderCreateManualPayment($id: ID!, $amount: MoneyInput, $paymentMethodName: String, $processedAt: DateTime) {
    orderCreateManualPayment(id: $id, amount: $amount, paymentMethodName: $paymentMethodName, processedAt: $processedAt) {
      order {
        id
        displayFinancialStatus
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/**
 * What is still owed on an order, and whether it is cancelled; null when it is gone. The balance is in the
 * order's presentment currency (the buyer's, TikTok's; the shop's for an order in one currency): the one
 * `orderCreateManualPayment` takes, refusing any other with CURRENCY_MISMATCH.
 */
export type OrderPaymentState = { outstanding: string; currencyCode: string; cancelled: boolean };

export async function getOrderPaymentState(
  client: AdminClient,
  orderId: string,
): Promise<OrderPaymentState | null> {
  const data = await client.request<OrderPaymentStateQuery>(ORDER_PAYMENT_STATE, { id: orderId });
  if (!data.order) return null;
  const { amount, currencyCode } = data.order.totalOutstandingSet.presentmentMoney;
  return { outstanding: amount, currencyCode, cancelled: data.order.cancelledAt !== null };
}

/**
 * Records a payment received outside Shopify (cash collected on delivery) under a named method, at the time
 * it was received, in the order's presentment currency. Not idempotent: the caller looks the balance up
 * first (`getOrderPaymentState`).
 */
export async function createManualPayment(
  client: AdminClient,
  args: {
    orderId: string;
    amount: { amount: string; currencyCode: string };
    method: string;
    processedAt: string;
  },
): Promise<MutationResult<null>> {
  const data = await client.request<OrderCreateManualPaymentMutation>(
    ORDER_CREATE_MANUAL_PAYMENT,
    {
      id: args.orderId,
      amount: args.amount,
      paymentMethodName: args.method,
      processedAt: args.processedAt,
    },
    { idempotent: false },
  );
  const errors = data.orderCreateManualPayment?.userErrors ?? [];
  return errors.length === 0 ? { ok: true, value: null } : { ok: false, userErrors: errors };
}
