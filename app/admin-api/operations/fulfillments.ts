import type { AdminClient } from "~/admin-api/admin-client.server";
import type {
  FulfillmentCreateMutation,
  OrderFulfillmentOrdersQuery,
  OrdersFulfillmentsQuery,
} from "~/types/admin.generated";
import type { MutationResult } from "./user-errors";

/** Orders' fulfilments, for the pass that finds those whose webhook never came (ADR 026). */
export const ORDERS_FULFILLMENTS = `#graphql
  query OrdersFulfillments($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Order {
        id
        fulfillments(first: 10) {
          id
          name
          status
          updatedAt
          trackingInfo(first: 1) {
            company
            number
          }
          fulfillmentLineItems(first: 20) {
            nodes {
              quantity
              lineItem {
                sku
                variant {
                  id
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** A fulfilment as Shopify's Admin API reads it, in the shape its webhook gives. */
export type ReadFulfillment = {
  orderId: string;
  /** The numeric id, as the webhook's `id`. */
  id: string;
  name: string | null;
  cancelled: boolean;
  updatedAt: Date | null;
  trackingCompany: string | null;
  trackingNumber: string | null;
  lines: { variantId: string | null; sku: string | null; quantity: number }[];
};

/**
 * The fulfilments of orders (by their gids); an order Shopify no longer has reads as none. One order's
 * fulfilments with their lines cost about 65 points: ten orders a request stay under Shopify's 1,000 even
 * if each id is charged in full.
 */
export async function readOrdersFulfillments(
  client: AdminClient,
  orderIds: string[],
): Promise<ReadFulfillment[]> {
  const data = await client.request<OrdersFulfillmentsQuery>(ORDERS_FULFILLMENTS, { ids: orderIds });
  // A node that is not an order (a bad id) comes back as an empty object, which the generated type omits.
  return data.nodes.flatMap((node) =>
    node && "fulfillments" in node
      ? node.fulfillments.map((fulfillment) => ({
          orderId: node.id,
          id: fulfillment.id.split("/").pop() ?? fulfillment.id,
          name: fulfillment.name,
          cancelled:
            fulfillment.status === "CANCELLED" ||
            fulfillment.status === "ERROR" ||
            fulfillment.status === "FAILURE",
          updatedAt: new Date(fulfillment.updatedAt),
          trackingCompany: fulfillment.trackingInfo[0]?.company?.trim() || null,
          trackingNumber: fulfillment.trackingInfo[0]?.number?.trim() || null,
          // Shopify's schema lets a line's quantity be null: such a line, like one of none, is left out.
          lines: fulfillment.fulfillmentLineItems.nodes.flatMap(({ quantity, lineItem }) =>
            quantity && quantity > 0
              ? [{ variantId: lineItem.variant?.id ?? null, sku: lineItem.sku, quantity }]
              : [],
          ),
        }))
      : [],
  );
}

/**
 * An order's fulfillment orders and what is left to fulfil of each line, to fulfil TikTok's packages: five
 * fulfillment orders of up to 50 lines cost about 770 of Shopify's 1,000 points.
 */
export const ORDER_FULFILLMENT_ORDERS = `#graphql
  query OrderFulfillmentOrders($id: ID!) {
    order(id: $id) {
      id
      fulfillmentOrders(first: 5) {
        nodes {
          id
          status
          lineItems(first: 50) {
            nodes {
              id
              remainingQuantity
              lineItem {
                sku
                variant {
                  id
                }
              }
            }
          }
        }
      }
    }
  }
`;

export const FULFILLMENT_CREATE = `#graphql
  mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment {
        id
        name
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export type OpenFulfillmentLine = {
  fulfillmentOrderId: string;
  id: string;
  remainingQuantity: number;
  sku: string | null;
  variantId: string | null;
};

/** The lines of an order's open fulfillment orders with something left to fulfil; null for no such order. */
export async function readOpenFulfillmentLines(
  client: AdminClient,
  orderId: string,
): Promise<OpenFulfillmentLine[] | null> {
  const data = await client.request<OrderFulfillmentOrdersQuery>(ORDER_FULFILLMENT_ORDERS, { id: orderId });
  if (!data.order) return null;
  return data.order.fulfillmentOrders.nodes
    .filter(
      (fulfillmentOrder) => fulfillmentOrder.status === "OPEN" || fulfillmentOrder.status === "IN_PROGRESS",
    )
    .flatMap((fulfillmentOrder) =>
      fulfillmentOrder.lineItems.nodes
        .filter((line) => line.remainingQuantity > 0)
        .map((line) => ({
          fulfillmentOrderId: fulfillmentOrder.id,
          id: line.id,
          remainingQuantity: line.remainingQuantity,
          sku: line.lineItem.sku,
          variantId: line.lineItem.variant?.id ?? null,
        })),
    );
}

/**
 * Fulfils lines of an order with TikTok's tracking, without e-mailing the buyer (TikTok's buyer address is a
 * relay TikTok asks sellers not to write to). Not idempotent: the caller reads the order's fulfilments
 * first.
 */
export async function createFulfillment(
  client: AdminClient,
  args: {
    lines: { fulfillmentOrderId: string; id: string; quantity: number }[];
    tracking: { company: string | null; number: string };
  },
): Promise<MutationResult<{ id: string; name: string | null }>> {
  const byOrder = new Map<string, { id: string; quantity: number }[]>();
  for (const line of args.lines)
    byOrder.set(line.fulfillmentOrderId, [
      ...(byOrder.get(line.fulfillmentOrderId) ?? []),
      { id: line.id, quantity: line.quantity },
    ]);
  const data = await client.request<FulfillmentCreateMutation>(
    FULFILLMENT_CREATE,
    {
      fulfillment: {
        notifyCustomer: false,
        trackingInfo: {
          number: args.tracking.number,
          ...(args.tracking.company ? { company: args.tracking.company } : {}),
        },
        lineItemsByFulfillmentOrder: [...byOrder].map(([fulfillmentOrderId, fulfillmentOrderLineItems]) => ({
          fulfillmentOrderId,
          fulfillmentOrderLineItems,
        })),
      },
    },
    { idempotent: false },
  );
  const result = data.fulfillmentCreate;
  if (!result?.fulfillment) return { ok: false, userErrors: result?.userErrors ?? [] };
  return { ok: true, value: result.fulfillment };
}
