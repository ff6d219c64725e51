import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { confirmationPath } from "../admin/charges";
import {
  cancelSubscription,
  createSubscription,
  type AppSubscriptionCreateArgs,
} from "../billing/subscriptions";
import type { WebhookMessage } from "../control/webhooks";
import { flowTriggerReceive, type FlowTriggerReceiveArgs } from "../flow-triggers";
import { gid, parseGid } from "../gid";
import { orderCancel, orderUpdate, type OrderCancelArgs } from "../orders/cancel-update";
import { orderCreate } from "../orders/create-order";
import { fulfillmentCreate, type FulfillmentCreateArgs } from "../orders/fulfillment-create";
import { findFulfillment, orderOfFulfillmentOrder } from "../orders/fulfillments";
import { restFulfillment, restOrder, restRefund } from "../orders/rest-payloads";
import { orderCreateManualPayment, type OrderCreateManualPaymentArgs } from "../orders/payments";
import type {
  OrderCreateOptionsInput,
  OrderCreateOrderInput,
  OrderUpdateInput,
  RefundCreateInput,
} from "../orders/order-input";
import { refundCreate } from "../orders/refunds";
import type { OrderRecord, ShopState } from "../store";
import { productView, variantView } from "./catalog-view";
import { subscriptionView } from "./billing-view";
import { connection, type ConnectionArgs } from "./connection";
import { KEY_REUSED, idempotencyKey, recall, remember } from "./idempotency";
import { orderFulfillmentOrderView, orderFulfillmentView, orderRefundView, orderView } from "./order-view";
import { matchesSearch, parseSearch } from "./search";
import { appInstallationView, shopView } from "./shop-view";

/**
 * What one request's resolvers share: the shop, what the request did (for faults that follow it, and the
 * webhooks it causes), and the stand-in's address as the client reached it (for the confirmation URLs of
 * charges).
 */
export type RequestContext = {
  shop: ShopState;
  orderCreated: boolean;
  /** Webhooks to send the app once the request is answered. */
  webhooks: WebhookMessage[];
  origin: string;
};

type SearchArgs = ConnectionArgs & { query?: string | null; sortKey?: string | null };

/** The root fields the stand-in answers; any other root field of the schema is refused up front. */
export function rootResolvers(shop: ShopState) {
  const root: Record<string, unknown> = {
    shop: () => shopView(shop),
    currentAppInstallation: () => appInstallationView(shop),
    order: ({ id }: { id: string }) => nodeView(shop, id, "Order"),
    product: ({ id }: { id: string }) => nodeView(shop, id, "Product"),
    productVariant: ({ id }: { id: string }) => nodeView(shop, id, "ProductVariant"),
    fulfillment: ({ id }: { id: string }) => nodeView(shop, id, "Fulfillment"),
    fulfillmentOrder: ({ id }: { id: string }) => nodeView(shop, id, "FulfillmentOrder"),
    node: ({ id }: { id: string }) => nodeView(shop, id),
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => nodeView(shop, id)),
    orders: (args: SearchArgs) =>
      connection(searchOrders(shop, args), args, (order) => orderView(shop, order)),
    ordersCount: (args: SearchArgs & { limit?: number | null }) => {
      const count = searchOrders(shop, args).length;
      const limit = args.limit ?? 10_000;
      return { count: Math.min(count, limit), precision: count > limit ? "AT_LEAST" : "EXACT" };
    },
    products: (args: SearchArgs) => {
      const terms = parseSearch(args.query);
      const products = [...shop.products.values()].filter((product) => {
        const skus = product.variantIds.map((id) => shop.variants.get(id)?.sku);
        return matchesSearch(terms, {
          "": [product.title],
          title: [product.title],
          sku: skus,
          id: [String(product.id)],
          vendor: [product.vendor],
          product_type: [product.productType],
          status: [product.status],
          tag: product.tags,
        });
      });
      return connection(products, args, (product) => productView(shop, product));
    },
    productVariants: (args: SearchArgs) => {
      const terms = parseSearch(args.query);
      const variants = [...shop.variants.values()].filter((variant) =>
        matchesSearch(terms, {
          "": [variant.title, variant.sku, shop.products.get(variant.productId)?.title],
          sku: [variant.sku],
          title: [variant.title],
          id: [String(variant.id)],
          product_id: [String(variant.productId)],
        }),
      );
      return connection(variants, args, (variant) => variantView(shop, variant));
    },
    job: ({ id }: { id: string }) => ({ id, done: true, query: () => root }),
    orderCreate: (
      args: { order: OrderCreateOrderInput; options?: OrderCreateOptionsInput | null },
      context: RequestContext,
    ) => {
      const result = orderCreate(shop, args.order, args.options);
      context.orderCreated = true;
      return { order: result.order && orderView(shop, result.order), userErrors: result.userErrors };
    },
    orderCancel: (args: OrderCancelArgs, context: RequestContext) => {
      const { order, jobId, userErrors } = orderCancel(shop, args);
      // Shopify tells the app of every cancellation, the ones it made itself included.
      if (order && jobId) {
        context.webhooks.push({ topic: "orders/cancelled", shop: shop.domain, payload: restOrder(order) });
      }
      const job = jobId ? { id: jobId, done: true, query: () => root } : null;
      const jobResult =
        jobId && order
          ? {
              __typename: "OrderCancelJobResult",
              id: jobId,
              done: true,
              status: "SUCCEEDED",
              errors: [],
              order: orderView(shop, order),
            }
          : null;
      return {
        job,
        jobResult,
        orderCancelUserErrors: userErrors,
        userErrors: userErrors.map(({ field, message }) => ({ field, message })),
      };
    },
    orderUpdate: ({ input }: { input: OrderUpdateInput }) => {
      const { order, userErrors } = orderUpdate(shop, input);
      return { order: order && orderView(shop, order), userErrors };
    },
    orderCreateManualPayment: (args: OrderCreateManualPaymentArgs) => {
      const { order, userErrors } = orderCreateManualPayment(shop, args);
      return { order: order && orderView(shop, order), userErrors };
    },
    refundCreate: (
      { input }: { input: RefundCreateInput },
      context: RequestContext,
      info: GraphQLResolveInfo,
    ) => {
      const key = idempotencyKey(info);
      if (input.refundMethods?.length || input.refundDuties?.length) {
        const message =
          "RefundInput.refundMethods and refundDuties are not supported by the Shopify Admin stand-in";
        throw new GraphQLError(message, { extensions: { code: "NOT_SUPPORTED_BY_STANDIN" } });
      }
      const remembered = recall(shop, "refundCreate", key, input);
      if (remembered.kind === "mismatch") {
        return { refund: null, order: null, userErrors: [{ field: null, message: KEY_REUSED }] };
      }
      if (remembered.kind === "replay") {
        // The first request's refund, as it stands now; nothing is done again and no webhook is sent.
        const order = shop.orders.get(remembered.record.orderId);
        const refund = order?.refunds.find((candidate) => candidate.id === remembered.record.refundId);
        if (order && refund) {
          return {
            refund: orderRefundView(shop, order, refund),
            order: orderView(shop, order),
            userErrors: [],
          };
        }
      }
      const { order, refund, userErrors } = refundCreate(shop, input);
      if (!order || !refund) return { refund: null, order: order && orderView(shop, order), userErrors };
      remember(shop, "refundCreate", key, input, { orderId: order.id, refundId: refund.id });
      // As with fulfillments, Shopify sends refunds/create for an app's own refunds too.
      const payload = restRefund(order, refund);
      context.webhooks.push({ topic: "refunds/create", shop: shop.domain, payload });
      return { refund: orderRefundView(shop, order, refund), order: orderView(shop, order), userErrors };
    },
    fulfillmentCreate: (args: FulfillmentCreateArgs, context: RequestContext) => {
      const { order, fulfillment, userErrors } = fulfillmentCreate(shop, args);
      if (!order || !fulfillment) return { fulfillment: null, userErrors };
      // Shopify tells the app of every fulfillment, the ones it created itself included.
      const payload = restFulfillment(order, fulfillment);
      context.webhooks.push({ topic: "fulfillments/create", shop: shop.domain, payload });
      return { fulfillment: orderFulfillmentView(shop, order, fulfillment), userErrors };
    },
    flowTriggerReceive: (args: FlowTriggerReceiveArgs) => ({ userErrors: flowTriggerReceive(shop, args) }),
    appSubscriptionCreate: (args: AppSubscriptionCreateArgs, context: RequestContext) => {
      const { subscription, userErrors } = createSubscription(shop, args);
      return {
        appSubscription: subscription && subscriptionView(subscription),
        confirmationUrl: subscription && `${context.origin}${confirmationPath(shop, subscription.id)}`,
        userErrors,
      };
    },
    appSubscriptionCancel: ({ id }: { id: string; prorate?: boolean | null }) => {
      const { subscription, userErrors } = cancelSubscription(shop, id);
      return { appSubscription: subscription && subscriptionView(subscription), userErrors };
    },
  };
  return root;
}

export const SUPPORTED_ROOT_FIELDS = new Set(Object.keys(rootResolvers({} as ShopState)));

function nodeView(shop: ShopState, id: string, onlyType?: string) {
  const parsed = parseGid(id);
  if (!parsed || (onlyType && parsed.type !== onlyType)) return null;
  return NODE_VIEWS[parsed.type]?.(shop, parsed.id) ?? null;
}

/** The objects `node`, `nodes` and the lookups by id find, by gid type; null for an unknown id. */
const NODE_VIEWS: Record<string, (shop: ShopState, id: number) => unknown> = {
  Order: (shop, id) => {
    const order = shop.orders.get(id);
    return order ? orderView(shop, order) : null;
  },
  Product: (shop, id) => {
    const product = shop.products.get(id);
    return product ? productView(shop, product) : null;
  },
  ProductVariant: (shop, id) => {
    const variant = shop.variants.get(id);
    return variant ? variantView(shop, variant) : null;
  },
  Fulfillment: (shop, id) => {
    const found = findFulfillment(shop, id);
    return found ? orderFulfillmentView(shop, found.order, found.fulfillment) : null;
  },
  FulfillmentOrder: (shop, id) => {
    const order = orderOfFulfillmentOrder(shop, id);
    return order ? orderFulfillmentOrderView(shop, order) : null;
  },
};

function searchOrders(shop: ShopState, args: SearchArgs): OrderRecord[] {
  const terms = parseSearch(args.query);
  const orders = [...shop.orders.values()].filter((order) =>
    matchesSearch(terms, {
      "": [order.name, order.email, order.sourceIdentifier],
      source_identifier: [order.sourceIdentifier],
      source_name: [order.sourceName],
      tag: order.tags,
      name: [order.name, order.name.replace(/^#/, "")],
      email: [order.email],
      id: [String(order.id), gid("Order", order.id)],
      financial_status: [order.financialStatus],
      status: [order.cancelledAt ? "cancelled" : "open"],
    }),
  );
  const sortKey = args.sortKey ?? "PROCESSED_AT";
  const key = (order: OrderRecord) =>
    sortKey === "CREATED_AT"
      ? order.createdAt
      : sortKey === "UPDATED_AT"
        ? order.updatedAt
        : sortKey === "PROCESSED_AT"
          ? order.processedAt
          : "";
  return orders.sort((a, b) => key(a).localeCompare(key(b)) || a.id - b.id);
}
