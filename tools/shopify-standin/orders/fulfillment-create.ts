import { idOf } from "../gid";
import type { FulfillmentRecord, OrderRecord, ShopState } from "../store";
import {
  addFulfillment,
  fulfillmentOrderIdOf,
  fulfillmentOrderStatus,
  lineOfFulfillmentOrderLineItem,
  orderOfFulfillmentOrder,
  remainingLines,
  remainingQuantity,
  type FulfillmentLine,
} from "./fulfillments";
import type { UserErrorRecord } from "./order-input";

export type FulfillmentCreateArgs = {
  fulfillment: {
    lineItemsByFulfillmentOrder: Array<{
      fulfillmentOrderId: string;
      fulfillmentOrderLineItems?: Array<{ id: string; quantity: number }> | null;
    }>;
    notifyCustomer?: boolean | null;
    trackingInfo?: {
      company?: string | null;
      number?: string | null;
      numbers?: string[] | null;
      url?: string | null;
      urls?: string[] | null;
    } | null;
  };
  message?: string | null;
};

export type FulfillmentCreateResult = {
  order: OrderRecord | null;
  fulfillment: FulfillmentRecord | null;
  userErrors: UserErrorRecord[];
};

// Shopify's messages, as its fulfillmentCreate answers them (UserError has no code).
const NO_FULFILLMENT_ORDER = "Fulfillment order does not exist.";
const BAD_QUANTITY = "Invalid fulfillment order line item quantity requested.";

/**
 * fulfillmentCreate over `lineItemsByFulfillmentOrder`: a fulfillment order without line items ships all
 * that remains on it. Refuses, changing nothing: an unknown fulfillment order, a closed one (all shipped,
 * or the order cancelled), a quantity below 1 (each at its path), an unknown fulfillment order line item,
 * and more units than remain.
 */
export function fulfillmentCreate(shop: ShopState, args: FulfillmentCreateArgs): FulfillmentCreateResult {
  const planned = plan(shop, args.fulfillment.lineItemsByFulfillmentOrder);
  if ("userErrors" in planned) return { order: null, fulfillment: null, userErrors: planned.userErrors };
  const info = args.fulfillment.trackingInfo;
  const fulfillment = addFulfillment(shop, planned.order, {
    lines: planned.lines,
    // One tracking number per fulfillment is kept: the first of `numbers` when `number` isn't given.
    tracking: {
      company: info?.company,
      number: info?.number ?? info?.numbers?.[0],
      url: info?.url ?? info?.urls?.[0],
    },
    notifyCustomer: args.fulfillment.notifyCustomer ?? false,
  });
  return { order: planned.order, fulfillment, userErrors: [] };
}

type Groups = FulfillmentCreateArgs["fulfillment"]["lineItemsByFulfillmentOrder"];
type Plan = { order: OrderRecord; lines: FulfillmentLine[] } | { userErrors: UserErrorRecord[] };

const refuse = (message: string, field = ["fulfillment"]): { userErrors: UserErrorRecord[] } => ({
  userErrors: [{ field, message }],
});

/** The one order the fulfillment orders belong to and the units to ship of each of its lines. */
function plan(shop: ShopState, groups: Groups): Plan {
  const found = orderOf(shop, groups);
  if ("userErrors" in found) return found;
  const { order } = found;
  const nonPositive = nonPositiveQuantities(groups);
  if (nonPositive.length > 0) return { userErrors: nonPositive };
  // A fulfillment order named without line items ships everything left on it.
  if (groups.some((group) => !group.fulfillmentOrderLineItems?.length)) {
    return { order, lines: remainingLines(order) };
  }
  return requestedLines(
    order,
    groups.flatMap((group) => group.fulfillmentOrderLineItems ?? []),
  );
}

/** The order of the fulfillment orders named: they must exist, share one order, and have units left. */
function orderOf(
  shop: ShopState,
  groups: Groups,
): { order: OrderRecord } | { userErrors: UserErrorRecord[] } {
  if (groups.length === 0) {
    const field = ["fulfillment", "lineItemsByFulfillmentOrder"];
    return refuse("Line items by fulfillment order can't be blank", field);
  }
  const orders = groups.map((group) => {
    const id = idOf("FulfillmentOrder", group.fulfillmentOrderId);
    return id === undefined ? undefined : orderOfFulfillmentOrder(shop, id);
  });
  const [order] = orders;
  if (!order || orders.some((other) => other === undefined)) return refuse(NO_FULFILLMENT_ORDER);
  if (orders.some((other) => other !== order))
    return refuse("Fulfillment orders must belong to the same order.");
  if (fulfillmentOrderStatus(order) === "CLOSED") {
    return refuse(`Fulfillment order ${fulfillmentOrderIdOf(order)} has an unfulfillable status= closed.`);
  }
  return { order };
}

/** Every quantity below 1, each reported at its own path. */
function nonPositiveQuantities(groups: Groups): UserErrorRecord[] {
  return groups.flatMap((group, i) =>
    (group.fulfillmentOrderLineItems ?? []).flatMap((item, j) => {
      if (item.quantity > 0) return [];
      const path = ["lineItemsByFulfillmentOrder", String(i), "fulfillmentOrderLineItems", String(j)];
      return [{ field: ["fulfillment", ...path, "quantity"], message: "Quantity must be greater than 0" }];
    }),
  );
}

/** The units asked of each line (a line named twice counts once, summed), none above what remains. */
function requestedLines(order: OrderRecord, items: Array<{ id: string; quantity: number }>): Plan {
  const wanted = new Map<number, number>();
  for (const item of items) {
    const id = idOf("FulfillmentOrderLineItem", item.id);
    const line = id === undefined ? undefined : lineOfFulfillmentOrderLineItem(order, id);
    if (!line) return refuse("Fulfillment order line item does not exist.");
    wanted.set(line.id, (wanted.get(line.id) ?? 0) + item.quantity);
  }
  const lines: FulfillmentLine[] = [];
  for (const line of order.lineItems) {
    const quantity = wanted.get(line.id);
    if (quantity === undefined) continue;
    if (quantity > remainingQuantity(order, line)) return refuse(BAD_QUANTITY);
    lines.push({ lineItemId: line.id, quantity });
  }
  return { order, lines };
}
