import {
  handoverSlotsSchema,
  sellerCancelSchema,
  ignoredDataSchema,
  shippingDocumentSchema,
  rejectReasonsSchema,
  returnsPageSchema,
  type TikTokReturn,
  markShippedSchema,
  shippingProvidersSchema,
  orderListSchema,
  orderPageSchema,
  productPageSchema,
  productSchema,
  shopsDataSchema,
  tokenSchema,
  type TikTokProduct,
  type TikTokShippingProvider,
  type TikTokShop,
  type TikTokToken,
} from "./api-schemas";
import { partitionOrders, type ValidatedOrders } from "./order-validation";
import { TikTokTransport, type TikTokClientOptions } from "./transport";

export type { TikTokClientOptions } from "./transport";

export type OrderSearch = {
  updateTimeGe?: number;
  updateTimeLt?: number;
  createTimeGe?: number;
  createTimeLt?: number;
  orderStatus?: string;
  /** 1–100; defaults to 50. */
  pageSize?: number;
  pageToken?: string;
  sortField?: "create_time" | "update_time";
  sortOrder?: "ASC" | "DESC";
};
export type OrderPage = ValidatedOrders & { nextPageToken?: string; totalCount: number };
export type OrderDetails = ValidatedOrders & { notFound: string[] };
export type ProductPage = { products: TikTokProduct[]; nextPageToken?: string; totalCount: number };

/** Max order ids per Get Order Detail request. */
export const ORDER_DETAIL_BATCH = 50;

/**
 * The TikTok Shop Open API 202309 endpoints the app uses. No database: tokens come in through the options
 * and a refreshed one goes out through `refreshAccessToken`. TikTok objects keep TikTok's field names.
 */
export class TikTokClient {
  private readonly transport: TikTokTransport;

  constructor(options: TikTokClientOptions) {
    this.transport = new TikTokTransport(options);
  }

  getToken(authCode: string): Promise<TikTokToken> {
    const params = { auth_code: authCode, grant_type: "authorized_code" };
    return this.transport.tokenCall("/api/v2/token/get", params, tokenSchema);
  }

  refreshToken(refreshToken: string): Promise<TikTokToken> {
    const params = { refresh_token: refreshToken, grant_type: "refresh_token" };
    return this.transport.tokenCall("/api/v2/token/refresh", params, tokenSchema);
  }

  async getAuthorizedShops(): Promise<TikTokShop[]> {
    const call = { method: "GET", path: "/authorization/202309/shops" } as const;
    return (await this.transport.call(call, shopsDataSchema)).shops;
  }

  /** One page of orders; each is validated on its own and a malformed one comes back in `invalid`. */
  async searchOrders(search: OrderSearch = {}): Promise<OrderPage> {
    const query: Record<string, string> = { page_size: String(search.pageSize ?? 50) };
    if (search.pageToken) query.page_token = search.pageToken;
    if (search.sortField) query.sort_field = search.sortField;
    if (search.sortOrder) query.sort_order = search.sortOrder;
    const filters = {
      order_status: search.orderStatus,
      create_time_ge: search.createTimeGe,
      create_time_lt: search.createTimeLt,
      update_time_ge: search.updateTimeGe,
      update_time_lt: search.updateTimeLt,
    };
    const body = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
    const call = { method: "POST", path: "/order/202309/orders/search", query, body } as const;
    const data = await this.transport.call(call, orderPageSchema);
    const nextPageToken = data.next_page_token || undefined;
    return { ...partitionOrders(data.orders), nextPageToken, totalCount: data.total_count };
  }

  /** Order details in batches of 50; malformed orders come back in `invalid`, unknown ids in `notFound`. */
  async getOrderDetails(ids: string[]): Promise<OrderDetails> {
    const unique = [...new Set(ids)];
    const result: OrderDetails = { orders: [], invalid: [], notFound: [] };
    for (let start = 0; start < unique.length; start += ORDER_DETAIL_BATCH) {
      const batch = unique.slice(start, start + ORDER_DETAIL_BATCH);
      const call = { method: "GET", path: "/order/202309/orders", query: { ids: batch.join(",") } } as const;
      const page = partitionOrders((await this.transport.call(call, orderListSchema)).orders);
      result.orders.push(...page.orders);
      result.invalid.push(...page.invalid);
      const seen = new Set([
        ...page.orders.map((order) => order.id),
        ...page.invalid.map((order) => order.id),
      ]);
      result.notFound.push(...batch.filter((id) => !seen.has(id)));
    }
    return result;
  }

  async searchProducts({ pageSize = 50, pageToken }: { pageSize?: number; pageToken?: string } = {}) {
    const query: Record<string, string> = { page_size: String(pageSize) };
    if (pageToken) query.page_token = pageToken;
    const call = { method: "POST", path: "/product/202309/products/search", query, body: {} } as const;
    const data = await this.transport.call(call, productPageSchema);
    const page: ProductPage = {
      products: data.products,
      nextPageToken: data.next_page_token || undefined,
      totalCount: data.total_count,
    };
    return page;
  }

  getProduct(id: string): Promise<TikTokProduct> {
    const call = { method: "GET", path: `/product/202309/products/${encodeURIComponent(id)}` } as const;
    return this.transport.call(call, productSchema);
  }

  /** The shipping providers TikTok accepts for an order's delivery option (its `delivery_option_id`). */
  async getShippingProviders(deliveryOptionId: string): Promise<TikTokShippingProvider[]> {
    const path = `/logistics/202309/delivery_options/${encodeURIComponent(deliveryOptionId)}/shipping_providers`;
    return (await this.transport.call({ method: "GET", path } as const, shippingProvidersSchema))
      .shipping_providers;
  }

  /**
   * Mark as shipped: a seller-shipped package of these order lines, with its tracking number. Not
   * idempotent: TikTok refuses a line already in a package, so the caller looks up what TikTok holds
   * before it retries one whose answer it didn't get.
   */
  async markPackageShipped(
    orderId: string,
    shipment: { trackingNumber: string; providerId: string; lineIds: string[] },
  ): Promise<{ packageId: string }> {
    const call = {
      method: "POST",
      path: `/fulfillment/202309/orders/${encodeURIComponent(orderId)}/packages`,
      body: {
        tracking_number: shipment.trackingNumber,
        shipping_provider_id: shipment.providerId,
        order_line_item_ids: shipment.lineIds,
      },
    } as const;
    return { packageId: (await this.transport.call(call, markShippedSchema)).package_id };
  }

  /** A shipped package's tracking number (and provider), changed: TikTok allows it for 72 hours. */
  async updatePackageShippingInfo(
    packageId: string,
    info: { trackingNumber: string; providerId: string },
  ): Promise<void> {
    const call = {
      method: "POST",
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/shipping_info/update`,
      body: { tracking_number: info.trackingNumber, shipping_provider_id: info.providerId },
    } as const;
    await this.transport.call(call, ignoredDataSchema);
  }

  /** Grants a buyer's cancellation request: TikTok cancels the order (and refunds the buyer). */
  async approveCancellation(cancelId: string, idempotencyKey: string): Promise<void> {
    const call = {
      method: "POST",
      path: `/return_refund/202309/cancellations/${encodeURIComponent(cancelId)}/approve`,
      query: { idempotency_key: idempotencyKey },
      body: {},
    } as const;
    await this.transport.call(call, ignoredDataSchema);
  }

  /** Refuses a buyer's cancellation request, with one of TikTok's reasons (`getRejectReasons`). */
  async rejectCancellation(cancelId: string, rejectReason: string, comment?: string): Promise<void> {
    const call = {
      method: "POST",
      path: `/return_refund/202309/cancellations/${encodeURIComponent(cancelId)}/reject`,
      body: { reject_reason: rejectReason, ...(comment ? { comment } : {}) },
    } as const;
    await this.transport.call(call, ignoredDataSchema);
  }

  /** The reasons TikTok accepts for refusing this cancellation (or return). */
  async getRejectReasons(cancelOrReturnId: string): Promise<{ name: string; text: string }[]> {
    const call = {
      method: "GET",
      path: "/return_refund/202309/reject_reasons",
      query: { return_or_cancel_id: cancelOrReturnId },
    } as const;
    return (await this.transport.call(call, rejectReasonsSchema)).reasons;
  }

  /** An order's returns and refunds (at most 50: one order has a few). */
  async searchReturns(orderId: string): Promise<TikTokReturn[]> {
    const call = {
      method: "POST",
      path: "/return_refund/202309/returns/search",
      query: { page_size: "50" },
      body: { order_ids: [orderId] },
    } as const;
    return (await this.transport.call(call, returnsPageSchema)).return_orders;
  }

  /**
   * One page (newest first, 50 at most) of the shop's returns and refunds updated at or after `since` (Unix
   * seconds); `nextPageToken` names the next page, if any.
   */
  async searchReturnsUpdatedSince(
    since: number,
    pageToken?: string,
  ): Promise<{ returns: TikTokReturn[]; nextPageToken: string | null }> {
    const call = {
      method: "POST",
      path: "/return_refund/202309/returns/search",
      query: { page_size: "50", ...(pageToken ? { page_token: pageToken } : {}) },
      body: { update_time_ge: since },
    } as const;
    const page = await this.transport.call(call, returnsPageSchema);
    return { returns: page.return_orders, nextPageToken: page.next_page_token || null };
  }

  /** The seller cancels the whole order on TikTok, with one of TikTok's seller cancel reasons. */
  async cancelOrder(orderId: string, reason: string): Promise<{ cancelId: string }> {
    const call = {
      method: "POST",
      path: "/return_refund/202309/cancellations",
      body: { order_id: orderId, cancel_reason: reason },
    } as const;
    return { cancelId: (await this.transport.call(call, sellerCancelSchema)).cancel_id };
  }

  /** How TikTok Shipping can take a package: pickup windows, drop-off, or both. */
  async getHandoverOptions(packageId: string): Promise<HandoverOptions> {
    const call = {
      method: "GET",
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/handover_time_slots`,
    } as const;
    const answer = await this.transport.call(call, handoverSlotsSchema);
    return {
      canPickup: answer.can_pickup,
      canDropOff: answer.can_drop_off,
      pickupSlots: answer.pickup_slots
        .filter((slot) => slot.avaliable !== false)
        .map((slot) => ({ start: slot.start_time, end: slot.end_time })),
      dropOffPointUrl: answer.drop_off_point_url ?? null,
    };
  }

  /** Ship Package, TikTok Shipping: TikTok books its carrier for a pickup in the slot, or a drop-off. */
  async arrangeTikTokShipping(packageId: string, handover: Handover): Promise<void> {
    const call = {
      method: "POST",
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/ship`,
      body:
        handover.method === "PICKUP"
          ? {
              handover_method: "PICKUP",
              pickup_slot: { start_time: handover.slot.start, end_time: handover.slot.end },
            }
          : { handover_method: "DROP_OFF" },
    } as const;
    await this.transport.call(call, ignoredDataSchema);
  }

  /** A link to the package's shipping label (a PDF TikTok serves for 24 hours). */
  async getShippingLabel(packageId: string): Promise<{ url: string; trackingNumber: string | null }> {
    const call = {
      method: "GET",
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/shipping_documents`,
      query: { document_type: "SHIPPING_LABEL" },
    } as const;
    const answer = await this.transport.call(call, shippingDocumentSchema);
    return { url: answer.doc_url, trackingNumber: answer.tracking_number ?? null };
  }
}

/** A pickup window, in Unix seconds. */
export type PickupSlot = { start: number; end: number };
export type HandoverOptions = {
  canPickup: boolean;
  canDropOff: boolean;
  pickupSlots: PickupSlot[];
  dropOffPointUrl: string | null;
};
export type Handover = { method: "PICKUP"; slot: PickupSlot } | { method: "DROP_OFF" };
