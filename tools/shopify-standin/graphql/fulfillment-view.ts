import { GraphQLError } from "graphql";
import { gid } from "../gid";
import { times } from "../money";
import {
  fulfillmentOrderIdOf,
  fulfillmentOrderLineItemIdOf,
  fulfillmentOrderStatus,
  remainingQuantity,
} from "../orders/fulfillments";
import { bothSides } from "../orders/totals";
import type {
  FulfillmentLineItemRecord,
  FulfillmentRecord,
  LineItemRecord,
  OrderRecord,
  ShopState,
} from "../store";
import { locationView, variantView } from "./catalog-view";
import { connection, type ConnectionArgs } from "./connection";
import { moneyBag } from "./value-views";

/**
 * The order's own views, which Fulfillment and FulfillmentOrder link back to (given by order-view, which
 * builds them, rather than imported from it).
 */
export type OrderLinks = { order: () => unknown; lineItem: (line: LineItemRecord) => unknown };

/** Fulfillment: a shipment, with its tracking and the units it shipped of each line item. */
export function fulfillmentView(
  shop: ShopState,
  order: OrderRecord,
  fulfillment: FulfillmentRecord,
  links: OrderLinks,
) {
  const location = shop.locations.find((candidate) => candidate.id === fulfillment.locationId);
  const lines = fulfillment.lineItems.flatMap((item) => {
    const line = order.lineItems.find((candidate) => candidate.id === item.lineItemId);
    return line ? [{ id: item.id, item, line }] : [];
  });
  return {
    __typename: "Fulfillment",
    id: gid("Fulfillment", fulfillment.id),
    legacyResourceId: String(fulfillment.id),
    name: fulfillment.name,
    status: fulfillment.status,
    createdAt: fulfillment.createdAt,
    updatedAt: fulfillment.updatedAt,
    deliveredAt: null,
    inTransitAt: null,
    estimatedDeliveryAt: null,
    requiresShipping: lines.some(({ line }) => line.requiresShipping),
    totalQuantity: lines.reduce((total, { item }) => total + item.quantity, 0),
    location: location ? locationView(location) : null,
    order: links.order,
    trackingInfo: ({ first }: { first?: number | null }) =>
      trackingInfoOf(fulfillment).slice(0, first == null ? undefined : Math.max(0, first)),
    fulfillmentLineItems: (args: ConnectionArgs) =>
      connection(lines, args, ({ item, line }) => fulfillmentLineItemView(order, item, line, links)),
  };
}

/** Shopify lists one entry per tracking number; a fulfillment without tracking has none. */
function trackingInfoOf(fulfillment: FulfillmentRecord) {
  const { trackingCompany: company, trackingNumber: number, trackingUrl: url } = fulfillment;
  if (company === null && number === null && url === null) return [];
  return [{ company, number, url }];
}

function fulfillmentLineItemView(
  order: OrderRecord,
  item: FulfillmentLineItemRecord,
  line: LineItemRecord,
  links: OrderLinks,
) {
  const total = bothSides((side) => times(line.unitPrice[side], item.quantity));
  return {
    __typename: "FulfillmentLineItem",
    id: gid("FulfillmentLineItem", item.id),
    quantity: item.quantity,
    lineItem: () => links.lineItem(line),
    originalTotalSet: moneyBag(total, order),
    discountedTotalSet: moneyBag(total, order),
  };
}

type FulfillmentOrdersArgs = ConnectionArgs & { query?: string | null; displayable?: boolean | null };

/** Order.fulfillmentOrders: the order's one fulfillment order, at the shop's first location. */
export function fulfillmentOrdersOf(
  shop: ShopState,
  order: OrderRecord,
  args: FulfillmentOrdersArgs,
  links: OrderLinks,
) {
  if (args.query != null) {
    const message = "Order.fulfillmentOrders(query:) is not supported by the Shopify Admin stand-in";
    throw new GraphQLError(message, { extensions: { code: "NOT_SUPPORTED_BY_STANDIN" } });
  }
  return connection([{ id: fulfillmentOrderIdOf(order) }], args, () =>
    fulfillmentOrderView(shop, order, links),
  );
}

/** FulfillmentOrder: what remains to ship of each line item, OPEN, IN_PROGRESS or CLOSED by that. */
export function fulfillmentOrderView(shop: ShopState, order: OrderRecord, links: OrderLinks) {
  const items = order.lineItems.map((line) => ({ id: fulfillmentOrderLineItemIdOf(line), line }));
  const shipped = order.fulfillments.filter((fulfillment) => fulfillment.status === "SUCCESS");
  return {
    __typename: "FulfillmentOrder",
    id: gid("FulfillmentOrder", fulfillmentOrderIdOf(order)),
    status: fulfillmentOrderStatus(order),
    requestStatus: "UNSUBMITTED",
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    orderId: gid("Order", order.id),
    orderName: order.name,
    orderProcessedAt: order.processedAt,
    order: links.order,
    fulfillAt: null,
    fulfillBy: null,
    fulfillmentHolds: [],
    lineItems: (args: ConnectionArgs) =>
      connection(items, args, ({ id, line }) => fulfillmentOrderLineItemView(shop, order, id, line, links)),
    fulfillments: (args: ConnectionArgs) =>
      connection(shipped, args, (fulfillment) => fulfillmentView(shop, order, fulfillment, links)),
  };
}

function fulfillmentOrderLineItemView(
  shop: ShopState,
  order: OrderRecord,
  id: number,
  line: LineItemRecord,
  links: OrderLinks,
) {
  const variant = line.variantId === null ? undefined : shop.variants.get(line.variantId);
  return {
    __typename: "FulfillmentOrderLineItem",
    id: gid("FulfillmentOrderLineItem", id),
    totalQuantity: line.quantity,
    remainingQuantity: remainingQuantity(order, line),
    sku: line.sku,
    productTitle: line.title,
    variantTitle: line.variantTitle,
    vendor: line.vendor,
    requiresShipping: line.requiresShipping,
    inventoryItemId: variant ? gid("InventoryItem", variant.inventoryItemId) : null,
    warnings: [],
    lineItem: () => links.lineItem(line),
    variant: () => (variant ? variantView(shop, variant) : null),
  };
}
