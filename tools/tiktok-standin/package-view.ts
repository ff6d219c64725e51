import { DELIVERY_OPTION_NAME } from "./shipping-providers";
import type { PackageRecord } from "./state";

/**
 * A package as Get Package Detail serves it: TikTok's `orders[]`, and `order_id_list` as its webhook names it.
 * A TikTok Shipping package not yet arranged has no tracking fields; once arranged, its `handover_method`.
 */
export function renderPackage(pkg: PackageRecord): Record<string, unknown> {
  const tracked = pkg.trackingNumber !== "";
  return {
    package_id: pkg.id,
    orders: [{ id: pkg.orderId }],
    order_id_list: [pkg.orderId],
    package_status: pkg.status,
    shipping_type: pkg.shippingType,
    ...(tracked
      ? {
          tracking_number: pkg.trackingNumber,
          shipping_provider_id: pkg.shippingProviderId,
          shipping_provider_name: pkg.shippingProviderName,
        }
      : {}),
    ...(pkg.handoverMethod ? { handover_method: pkg.handoverMethod } : {}),
    ...(pkg.pickupSlot ? { pickup_slot: { ...pkg.pickupSlot } } : {}),
    delivery_option_id: pkg.deliveryOptionId,
    delivery_option_name: DELIVERY_OPTION_NAME,
    order_line_item_ids: [...pkg.orderLineItemIds],
    create_time: pkg.createTime,
    update_time: pkg.updateTime,
  };
}

/**
 * A package as the control API lists it, with TikTok's field names so a test can compare it with the API's.
 * The tracking fields are "" while a TikTok Shipping package waits for its handover to be arranged.
 */
export type StandinPackage = {
  id: string;
  order_id: string;
  shop_id: string;
  status: PackageRecord["status"];
  shipping_type: PackageRecord["shippingType"];
  tracking_number: string;
  shipping_provider_id: string;
  shipping_provider_name: string;
  handover_method?: "PICKUP" | "DROP_OFF";
  order_line_item_ids: string[];
  create_time: number;
  update_time: number;
};

export function describePackage(pkg: PackageRecord): StandinPackage {
  return {
    id: pkg.id,
    order_id: pkg.orderId,
    shop_id: pkg.shopId,
    status: pkg.status,
    shipping_type: pkg.shippingType,
    tracking_number: pkg.trackingNumber,
    shipping_provider_id: pkg.shippingProviderId,
    shipping_provider_name: pkg.shippingProviderName,
    ...(pkg.handoverMethod ? { handover_method: pkg.handoverMethod } : {}),
    order_line_item_ids: [...pkg.orderLineItemIds],
    create_time: pkg.createTime,
    update_time: pkg.updateTime,
  };
}
