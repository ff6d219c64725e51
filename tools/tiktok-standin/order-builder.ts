import type { TikTokLineItem, TikTokOrder, TikTokOrderStatus } from "../../app/tiktok/types";
import { fromCents, SpecError, toCents } from "./money";
import { buildPayment } from "./payment";
import { buildAddress, maskAddress, type AddressSpec } from "./order-address";
import { deliveryOptionFor } from "./shipping-providers";
import type { StandinState } from "./state";

/** A compact description of an order; everything has a default. Amounts are per unit. */
export type LineSpec = {
  /** A SKU added with POST /_control/products fills product id, names, seller SKU and price. */
  skuId?: string;
  productId?: string;
  sellerSku?: string;
  productName?: string;
  skuName?: string;
  price?: string;
  /** TikTok has no quantity: the stand-in writes one line item per unit. */
  quantity?: number;
  sellerDiscount?: string;
  platformDiscount?: string;
  tax?: string;
  isGift?: boolean;
};

export type OrderSpec = {
  id?: string;
  shopId?: string;
  status?: TikTokOrderStatus;
  /** Starts ON_HOLD and moves to AWAITING_SHIPMENT after `onHoldSeconds` (default from config). */
  onHold?: boolean;
  onHoldSeconds?: number;
  sample?: boolean;
  /** Cash on delivery: the buyer pays the courier, so there is no paid_time until the order is delivered. */
  cod?: boolean;
  /** HOME_DELIVERY (the default) or e.g. COLLECTION_POINT. */
  deliveryType?: string;
  /** Moves to DELIVERED (with its webhook) once createTime + this has passed; checked with the on-hold timer. */
  deliverAfterSeconds?: number;
  /** Fulfilled by TikTok. */
  fbt?: boolean;
  /** Another fulfillment type, e.g. Tokopedia's warehouse: FULFILLMENT_BY_DILAYANI_TOKOPEDIA. */
  fulfillmentType?: string;
  /** TikTok shipping: name, phone and postal code arrive masked; `shipping_type` TIKTOK unless `shippingType` says. */
  masked?: boolean;
  /**
   * Who ships it: SELLER (Mark as shipped) or TIKTOK (TikTok Shipping: TikTok makes a package with the order
   * and the seller arranges its handover). Defaults to TIKTOK for `fbt` or `masked`, SELLER otherwise; an
   * override of `shipping_type` wins.
   */
  shippingType?: "SELLER" | "TIKTOK";
  /**
   * TikTok's ship-by time (`rts_sla_time`), in hours after the order was placed (negative: already past);
   * 72 by default. Orders TikTok's warehouse ships have none.
   */
  shipByHours?: number;
  /** Of the lines and the payment; defaults to the shop's currency. */
  currency?: string;
  createTime?: number;
  lines?: LineSpec[];
  shipping?: { fee?: string; sellerDiscount?: string; platformDiscount?: string; tax?: string };
  retailDeliveryFee?: string;
  recipient?: AddressSpec;
  buyerEmail?: string;
  buyerMessage?: string;
  cancelReason?: string;
  /** Dotted paths set on the served JSON (`"payment.total_amount": null` deletes it), to serve a bad order. */
  overrides?: Record<string, unknown>;
};

export type OrderRecord = {
  shopId: string;
  order: TikTokOrder;
  /** Kept so an address update can change one field and rebuild the rest. */
  recipient: AddressSpec;
  masked: boolean;
  onHoldUntil?: number;
  /** When a timed delivery is due; cleared once the order is delivered, by the timer or not. */
  deliverAt?: number;
  overrides: Record<string, unknown>;
};

export function buildOrder(spec: OrderSpec, state: StandinState): OrderRecord {
  const shop = state.shopFor(spec.shopId);
  if (!shop) throw new SpecError("create a shop before creating orders");
  const now = state.now();
  const id = spec.id ?? state.nextId("5764");
  if (state.orders.has(id)) throw new SpecError(`order ${id} already exists`);
  const status: TikTokOrderStatus = spec.status ?? (spec.onHold ? "ON_HOLD" : "AWAITING_SHIPMENT");
  const currency = spec.currency ?? shop.currency;
  const createTime = spec.createTime ?? now;
  const updateTime = Math.max(createTime, now);
  const cod = spec.cod ?? false;
  const delivered = isDelivered(status);
  const lines = (spec.lines?.length ? spec.lines : [{}]).flatMap((line, index) =>
    buildLines(line, index, { currency, state }),
  );
  const address = buildAddress(spec.recipient, shop.region);
  const deliveryOption = deliveryOptionFor(shop.region);
  const order: TikTokOrder = {
    id,
    status,
    create_time: createTime,
    update_time: updateTime,
    // A COD order is paid as it is delivered: one created delivered, when the stand-in made it.
    ...(status === "UNPAID" || (cod && !delivered) ? {} : { paid_time: cod ? updateTime : createTime }),
    ...(delivered ? { delivery_time: updateTime } : {}),
    is_cod: cod,
    payment_method_name: cod ? "Cash on delivery" : "Credit card",
    delivery_type: spec.deliveryType ?? "HOME_DELIVERY",
    fulfillment_type: spec.fulfillmentType ?? (spec.fbt ? "FULFILLMENT_BY_TIKTOK" : "FULFILLMENT_BY_SELLER"),
    shipping_type: shippingTypeOf(spec),
    // The region's one option: its shipping providers are what a seller can name when marking it shipped.
    delivery_option_id: deliveryOption.id,
    delivery_option_name: deliveryOption.name,
    ...(spec.fbt ? {} : { rts_sla_time: createTime + Math.round((spec.shipByHours ?? 72) * 3600) }),
    order_type: "NORMAL",
    is_sample_order: spec.sample ?? false,
    is_on_hold_order: spec.onHold ?? status === "ON_HOLD",
    is_replacement_order: false,
    is_exchange_order: false,
    buyer_email: spec.buyerEmail ?? `v1${id.slice(-10)}@scs2.tiktok.com`,
    buyer_message: spec.buyerMessage ?? "",
    user_id: state.nextId("7494", 19),
    warehouse_id: "7068517275539719942",
    line_items: lines,
    payment: buildPayment(lines, spec, currency),
    recipient_address: spec.masked ? maskAddress(address) : address,
    ...(status === "CANCELLED" ? cancellation(updateTime, spec.cancelReason) : {}),
  };
  const onHoldSeconds = spec.onHoldSeconds ?? state.config.onHoldSeconds;
  const onHoldUntil = status === "ON_HOLD" ? createTime + onHoldSeconds : undefined;
  const recipient = spec.recipient ?? {};
  return {
    shopId: shop.id,
    order,
    recipient,
    masked: spec.masked ?? false,
    onHoldUntil,
    deliverAt: spec.deliverAfterSeconds === undefined ? undefined : createTime + spec.deliverAfterSeconds,
    overrides: spec.overrides ?? {},
  };
}

export function cancellation(at: number, reason = "No longer needed", initiator = "BUYER") {
  return { cancel_reason: reason, cancellation_initiator: initiator, cancel_time: at };
}

/**
 * The record's shipping type is the one the order is served with, an override included, so the package
 * endpoints treat the order as the app sees it.
 */
function shippingTypeOf(spec: OrderSpec): "SELLER" | "TIKTOK" {
  const overridden = spec.overrides?.shipping_type;
  if (overridden === "SELLER" || overridden === "TIKTOK") return overridden;
  return spec.shippingType ?? (spec.fbt || spec.masked ? "TIKTOK" : "SELLER");
}

/** Statuses after TikTok's logistics reported the parcel delivered. */
export function isDelivered(status: string): boolean {
  return status === "DELIVERED" || status === "COMPLETED";
}

type LineContext = { currency: string; state: StandinState };

function buildLines(spec: LineSpec, index: number, { currency, state }: LineContext): TikTokLineItem[] {
  const product = spec.skuId ? findSku(state, spec.skuId) : undefined;
  const quantity = spec.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1)
    throw new SpecError(`lines[${index}].quantity must be ≥ 1`);
  const original = toCents(spec.price ?? product?.sku.price ?? "10.00", `lines[${index}].price`);
  const seller = toCents(spec.sellerDiscount, `lines[${index}].sellerDiscount`);
  const platform = toCents(spec.platformDiscount, `lines[${index}].platformDiscount`);
  const tax = toCents(spec.tax, `lines[${index}].tax`);
  if (seller + platform > original) throw new SpecError(`lines[${index}] discounts exceed the price`);
  return Array.from({ length: quantity }, () => ({
    id: state.nextId("5770"),
    sku_id: spec.skuId ?? `17295929697122${String(index).padStart(5, "0")}`,
    product_id: spec.productId ?? product?.productId ?? `17295929697120${String(index).padStart(5, "0")}`,
    seller_sku: spec.sellerSku ?? product?.sku.sellerSku ?? `SKU-${index + 1}`,
    product_name: spec.productName ?? product?.title ?? `Stand-in product ${index + 1}`,
    sku_name: spec.skuName ?? product?.sku.attributes.map((a) => a.value).join(", ") ?? "Default",
    original_price: fromCents(original),
    sale_price: fromCents(original - seller - platform),
    seller_discount: fromCents(seller),
    platform_discount: fromCents(platform),
    item_tax: tax ? [{ tax_type: "SALES_TAX", tax_rate: "", tax_amount: fromCents(tax) }] : [],
    currency,
    is_gift: spec.isGift ?? false,
    display_status: "AWAITING_SHIPMENT",
  }));
}

function findSku(state: StandinState, skuId: string) {
  for (const product of state.products.values()) {
    const sku = product.skus.find((candidate) => candidate.id === skuId);
    if (sku) return { productId: product.id, title: product.title, sku };
  }
  throw new SpecError(`no product has SKU ${skuId}`);
}
