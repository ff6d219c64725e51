import { describe, expect, it } from "vitest";
import { buildMappingContext } from "../../test/factories/sync-context";
import { buildLineItem, buildTikTokOrder, buildUnits } from "../../test/factories/tiktok-order";
import {
  ADDRESS_PENDING_TAG,
  ATTRIBUTE,
  COD_PAYMENT_METHOD,
  EXCHANGE_TAG,
  PRE_ORDER_TAG,
  REPLACEMENT_TAG,
  SOURCE_NAME,
  toOrderCreateInput,
  type MappingResult,
} from "./mapping";
import { formatAmount } from "./money";
import { shopifyAmountPaid, shopifyOrderTotal } from "./order-total";
import type { TikTokOrder } from "~/tiktok/types";

function mapped(order: TikTokOrder, ctx = buildMappingContext(order)) {
  const result: MappingResult = toOrderCreateInput(order, ctx);
  if (!result.ok) throw new Error(`expected a mapping, got ${result.failure.message}`);
  return result;
}
const totalOf = (result: ReturnType<typeof mapped>) =>
  formatAmount(shopifyOrderTotal(result.order), result.order.currency);
const attribute = (result: ReturnType<typeof mapped>, key: string) =>
  result.order.customAttributes.find((entry) => entry.key === key)?.value;

describe("toOrderCreateInput", () => {
  it("turns one line per unit into one Shopify line per SKU with a quantity", () => {
    const order = buildTikTokOrder({
      line_items: [
        ...buildUnits(3, { sku_id: "A", original_price: "10.00" }),
        buildLineItem({ sku_id: "B" }),
      ],
    });
    const { order: input } = mapped(order);
    expect(
      input.lineItems.map((line) => [line.variantId, line.quantity, line.priceSet.shopMoney.amount]),
    ).toEqual([
      ["gid://shopify/ProductVariant/A", 3, "10.00"],
      ["gid://shopify/ProductVariant/B", 1, "20.00"],
    ]);
    expect(input.lineItems[0]).toMatchObject({
      title: "Glow Serum",
      variantTitle: "30 ml",
      sku: "SERUM-30",
      requiresShipping: true,
    });
  });

  it("keeps a SKU sold at two prices on two lines so price times quantity stays exact", () => {
    const order = buildTikTokOrder({
      line_items: [
        buildLineItem({ sku_id: "A", original_price: "10.00" }),
        buildLineItem({ sku_id: "A", original_price: "12.00" }),
      ],
    });
    expect(mapped(order).order.lineItems.map((line) => line.quantity)).toEqual([1, 1]);
  });

  it("discounts seller and platform discounts together and records who funds which", () => {
    const order = buildTikTokOrder({
      line_items: buildUnits(2, {
        original_price: "30.00",
        seller_discount: "5.00",
        platform_discount: "2.50",
      }),
    });
    const result = mapped(order);
    expect(result.order.discountCode?.itemFixedDiscountCode.amountSet.shopMoney).toEqual({
      amount: "15.00",
      currencyCode: "USD",
    });
    expect(attribute(result, ATTRIBUTE.sellerDiscount)).toBe("10.00 USD");
    expect(attribute(result, ATTRIBUTE.platformDiscount)).toBe("5.00 USD");
    expect(totalOf(result)).toBe(order.payment.total_amount);
  });

  it("charges shipping after its discounts and records a platform-funded free shipping", () => {
    const order = buildTikTokOrder({}, { shippingFee: "4.99", shippingPlatformDiscount: "4.99" });
    const result = mapped(order);
    expect(result.order.shippingLines[0]).toMatchObject({
      title: "TikTok Shop shipping",
      priceSet: { shopMoney: { amount: "0.00" } },
    });
    expect(attribute(result, ATTRIBUTE.shippingPlatformDiscount)).toBe("4.99 USD");
    expect(totalOf(result)).toBe(order.payment.total_amount);
  });

  it("puts item taxes on their lines and shipping tax and the retail delivery fee on the shipping line", () => {
    const tax = [{ tax_type: "SALES_TAX", tax_rate: "0.0725", tax_amount: "1.45" }];
    const order = buildTikTokOrder(
      { line_items: buildUnits(2, { item_tax: tax }) },
      { shippingFee: "5.00", shippingTax: "0.36", retailDeliveryFee: "0.28" },
    );
    const result = mapped(order);
    expect(result.order.taxesIncluded).toBe(false);
    expect(result.order.lineItems[0]?.taxLines).toEqual([
      {
        title: "Sales tax",
        rate: "0.0725",
        priceSet: { shopMoney: { amount: "2.90", currencyCode: "USD" } },
        channelLiable: true,
      },
    ]);
    expect(
      result.order.shippingLines[0]?.taxLines?.map((line) => [line.title, line.priceSet.shopMoney.amount]),
    ).toEqual([
      ["Shipping tax", "0.36"],
      ["Retail delivery fee", "0.28"],
    ]);
    expect(totalOf(result)).toBe(order.payment.total_amount);
  });

  it("marks taxes as included when TikTok's total already contains them (VAT)", () => {
    const vat = [{ tax_type: "VAT", tax_rate: "0.2", tax_amount: "3.33" }];
    const order = buildTikTokOrder(
      { line_items: [buildLineItem({ currency: "GBP", item_tax: vat })] },
      { taxesIncluded: true },
    );
    const result = mapped(order);
    expect(result.order.taxesIncluded).toBe(true);
    expect(totalOf(result)).toBe(order.payment.total_amount);
  });

  it("charges a market fee TikTok added to the total as its own line", () => {
    const order = buildTikTokOrder(
      { line_items: [buildLineItem({ currency: "THB", original_price: "80" })] },
      { extraFees: { small_order_fee: "20" } },
    );
    const result = mapped(order);
    expect(
      result.order.shippingLines.map((line) => [line.title, line.priceSet.shopMoney.amount]),
    ).toContainEqual(["Small order fee", "20.00"]);
    expect(totalOf(result)).toBe("100.00");
  });

  it("keeps a difference TikTok's parts don't explain visible instead of dropping it", () => {
    const order = buildTikTokOrder({}, {});
    const higher = mapped({ ...order, payment: { ...order.payment, total_amount: "21.50" } });
    expect(totalOf(higher)).toBe("21.50");
    expect(attribute(higher, ATTRIBUTE.unexplained)).toBe("1.50 USD");
    const lower = mapped({ ...order, payment: { ...order.payment, total_amount: "19.00" } });
    expect(totalOf(lower)).toBe("19.00");
    expect(attribute(lower, ATTRIBUTE.unexplained)).toBe("-1.00 USD");
  });

  it("records the payment as one successful sale of TikTok's total, in TikTok's currency", () => {
    const order = buildTikTokOrder({
      line_items: buildUnits(2, { currency: "MYR", original_price: "45.90" }),
    });
    const { order: input } = mapped(order);
    expect(input).toMatchObject({ currency: "MYR", financialStatus: "PAID" });
    expect(input.transactions).toEqual([
      {
        kind: "SALE",
        status: "SUCCESS",
        gateway: "TikTok Shop",
        amountSet: { shopMoney: { amount: "91.80", currencyCode: "MYR" } },
        processedAt: "2027-01-15T08:00:05.000Z",
      },
    ]);
    expect(formatAmount(shopifyAmountPaid(input), "MYR")).toBe(order.payment.total_amount);
  });

  it("never dates the order or its payment after now, which Shopify refuses", () => {
    const order = buildTikTokOrder({ create_time: 1_800_000_000 });
    const now = new Date((1_800_000_000 - 30) * 1000);
    const result = mapped(order, buildMappingContext(order, { now }));
    expect(result.order.processedAt).toBe(now.toISOString());
    expect(result.order.transactions[0]?.processedAt).toBe(now.toISOString());
  });

  it("records no payment for a free order", () => {
    const order = buildTikTokOrder({
      line_items: [buildLineItem({ original_price: "15.00", platform_discount: "15.00" })],
    });
    expect(mapped(order).order.transactions).toEqual([]);
  });

  it("identifies the order by its TikTok id, names it by the format and tags it", () => {
    const order = buildTikTokOrder({ id: "576461413038785752", buyer_message: "Please ship asap!" });
    const ctx = buildMappingContext(order, {
      settings: { orderNameFormat: "TT-{id}", orderTags: ["TikTok Shop", "tiktok"] },
    });
    const result = mapped(order, ctx);
    expect(result.order).toMatchObject({
      name: "TT-576461413038785752",
      sourceName: SOURCE_NAME,
      sourceIdentifier: "576461413038785752",
      processedAt: "2027-01-15T08:00:00.000Z",
      tags: ["TikTok Shop", "tiktok"],
    });
    expect(attribute(result, ATTRIBUTE.orderId)).toBe("576461413038785752");
    expect(attribute(result, ATTRIBUTE.buyerMessage)).toBe("Please ship asap!");
  });

  it("tags a sample order with the merchant's sample tag", () => {
    const order = buildTikTokOrder({ is_sample_order: true });
    expect(mapped(order).order.tags).toEqual(["TikTok Shop", "TikTok sample"]);
  });

  it("creates an on-hold order without an address, tagged and noted as pending", () => {
    const order = buildTikTokOrder({ status: "ON_HOLD", recipient_address: undefined });
    const result = mapped(order);
    expect(result.order.shippingAddress).toBeUndefined();
    expect(result.order.tags).toContain(ADDRESS_PENDING_TAG);
    expect(result.order.note).toMatch(/added when the hold ends/);
  });

  it("adds nothing to a cancelled order whose address TikTok blanked: no address is coming", () => {
    const order = buildTikTokOrder({ status: "CANCELLED", recipient_address: undefined });
    const result = mapped(order);
    expect(result.order.shippingAddress).toBeUndefined();
    expect(result.order.tags).not.toContain(ADDRESS_PENDING_TAG);
    expect(result.order.note).toBeUndefined();
    expect(attribute(result, ATTRIBUTE.addressPending)).toBeUndefined();
  });

  it("says an address not yet sent is awaited, not that the order is on hold, once it is not on hold", () => {
    // Released from a hold: TikTok still flags it, but the hold is over.
    const order = buildTikTokOrder({
      status: "AWAITING_SHIPMENT",
      is_on_hold_order: true,
      recipient_address: undefined,
    });
    const result = mapped(order);
    expect(result.order.tags).toContain(ADDRESS_PENDING_TAG);
    expect(result.order.note).toMatch(/has not sent the shipping address yet/);
    expect(result.order.note).not.toMatch(/hold/);
  });

  it("ships a collection-point order to the point, and says so in the note", () => {
    const order = buildTikTokOrder({ delivery_type: "COLLECTION_POINT" });
    const result = mapped(order);
    expect(result.order.shippingAddress?.address1).toBe(order.recipient_address?.address_line1);
    expect(result.order.note).toMatch(/COLLECTION_POINT.*pick-up point/);
    expect(attribute(result, ATTRIBUTE.deliveryType)).toBe("Collection point");
  });

  it("creates a cash-on-delivery order unpaid, with no sale, until TikTok reports it delivered", () => {
    const order = buildTikTokOrder({
      status: "AWAITING_SHIPMENT",
      is_cod: true,
      payment_method_name: "Cash on delivery",
      paid_time: undefined,
    });
    const result = mapped(order);
    expect(result.order.financialStatus).toBe("PENDING");
    expect(result.order.transactions).toEqual([]);
    expect(attribute(result, ATTRIBUTE.paymentMethod)).toBe("Cash on delivery");
    expect(totalOf(result)).toBe(order.payment.total_amount);
  });

  it("creates a cash-on-delivery order TikTok already delivered paid, under the COD method at delivery time", () => {
    const deliveredAt = 1_780_000_000;
    const order = buildTikTokOrder({ status: "DELIVERED", is_cod: true, delivery_time: deliveredAt });
    const result = mapped(order, buildMappingContext(order, { now: new Date((deliveredAt + 60) * 1000) }));
    expect(result.order.financialStatus).toBe("PAID");
    expect(result.order.transactions).toEqual([
      expect.objectContaining({
        gateway: COD_PAYMENT_METHOD,
        processedAt: new Date(deliveredAt * 1000).toISOString(),
        amountSet: { shopMoney: { amount: order.payment.total_amount, currencyCode: "USD" } },
      }),
    ]);
  });

  it("records no payment for an order cancelled before it was paid, forced through by Sync", () => {
    const order = buildTikTokOrder({ status: "CANCELLED", paid_time: undefined });
    const result = mapped(order);
    expect(result.order.financialStatus).toBe("PENDING");
    expect(result.order.transactions).toEqual([]);
    const paidThenCancelled = mapped(buildTikTokOrder({ status: "CANCELLED" }));
    expect(paidThenCancelled.order.financialStatus).toBe("PAID");
    expect(paidThenCancelled.order.transactions).toHaveLength(1);
  });

  it("records no payment for a cancelled cash-on-delivery order forced through", () => {
    const order = buildTikTokOrder({ status: "CANCELLED", is_cod: true, paid_time: undefined });
    const result = mapped(order);
    expect(result.order.financialStatus).toBe("PENDING");
    expect(result.order.transactions).toEqual([]);
  });

  it("tags a pre-order, whole or by one line, and keeps how TikTok made the order in its details", () => {
    const whole = mapped(buildTikTokOrder({ order_type: "PRE_ORDER", split_or_combine_tag: "SPLIT" }));
    expect(whole.order.tags).toContain(PRE_ORDER_TAG);
    expect(attribute(whole, ATTRIBUTE.orderType)).toBe("PRE_ORDER");
    expect(attribute(whole, ATTRIBUTE.splitOrCombined)).toBe("SPLIT");
    const oneLine = mapped(
      buildTikTokOrder({
        line_items: [buildLineItem(), buildLineItem({ sku_id: "B", sku_type: "PRE_ORDER" })],
      }),
    );
    expect(oneLine.order.tags).toContain(PRE_ORDER_TAG);
    const plain = mapped(buildTikTokOrder({ order_type: "NORMAL" }));
    expect(plain.order.tags).not.toContain(PRE_ORDER_TAG);
    expect(attribute(plain, ATTRIBUTE.orderType)).toBeUndefined();
  });

  it("syncs a replacement order as TikTok sends it, tagged, naming the original, never as a second sale", () => {
    const order = buildTikTokOrder({
      is_replacement_order: true,
      replaced_order_id: "576000000000000001",
      line_items: [buildLineItem({ original_price: "0.00", sale_price: "0.00" })],
      payment: {
        currency: "USD",
        original_total_product_price: "0.00",
        sub_total: "0.00",
        shipping_fee: "0.00",
        original_shipping_fee: "0.00",
        tax: "0.00",
        total_amount: "0.00",
      },
    });
    const result = mapped(order);
    expect(result.order.tags).toContain(REPLACEMENT_TAG);
    expect(result.order.transactions).toEqual([]);
    expect(result.order.financialStatus).toBe("PAID");
    expect(result.order.note).toMatch(/replacement order for TikTok order 576000000000000001/);
    expect(attribute(result, ATTRIBUTE.replaces)).toBe("576000000000000001");
    expect(totalOf(result)).toBe("0.00");

    const priced = buildTikTokOrder({ is_exchange_order: true });
    const exchange = mapped(priced);
    expect(exchange.order.tags).toContain(EXCHANGE_TAG);
    expect(exchange.order.transactions).toEqual([]);
    expect(exchange.order.financialStatus).toBe("PENDING");
  });

  it("passes the inventory behaviour and sends no receipts unless the merchant notifies customers", () => {
    const order = buildTikTokOrder();
    expect(mapped(order).options).toEqual({
      inventoryBehaviour: "DECREMENT_OBEYING_POLICY",
      sendReceipt: false,
      sendFulfillmentReceipt: false,
    });
    const notifying = buildMappingContext(order, {
      settings: { notifyCustomer: true, inventoryBehaviour: "BYPASS" },
    });
    expect(mapped(order, notifying).options).toEqual({
      inventoryBehaviour: "BYPASS",
      sendReceipt: true,
      sendFulfillmentReceipt: true,
    });
  });

  it("sets the app's metafields and, given the order page's address, links the order back to it", () => {
    const order = buildTikTokOrder({ id: "577000000000000007", status: "AWAITING_COLLECTION" });
    const ctx = buildMappingContext(order, {
      orderPageUrl: (id) => `https://admin.shopify.com/store/s/apps/k/app/orders/${id}`,
      tiktokShopId: "7495000000000000001",
    });
    const { order: input } = mapped(order, ctx);
    expect(input.sourceUrl).toBe("https://admin.shopify.com/store/s/apps/k/app/orders/577000000000000007");
    expect(input.metafields).toEqual([
      {
        namespace: "$app",
        key: "tiktok_order_id",
        type: "single_line_text_field",
        value: "577000000000000007",
      },
      {
        namespace: "$app",
        key: "tiktok_shop_id",
        type: "single_line_text_field",
        value: "7495000000000000001",
      },
      {
        namespace: "$app",
        key: "tiktok_status",
        type: "single_line_text_field",
        value: "AWAITING_COLLECTION",
      },
    ]);
    // Without the page's address (a preview of the input), no sourceUrl; the metafields are the same.
    const plain = mapped(order).order;
    expect(plain.sourceUrl).toBeUndefined();
    expect(plain.metafields.map((metafield) => metafield.key)).toEqual(["tiktok_order_id", "tiktok_status"]);
  });

  it("fails naming the field when a line's SKU has no linked variant", () => {
    const order = buildTikTokOrder({
      line_items: [buildLineItem({ sku_id: "A" }), buildLineItem({ sku_id: "B", product_name: "Lip Tint" })],
    });
    const ctx = buildMappingContext(buildTikTokOrder({ line_items: [buildLineItem({ sku_id: "A" })] }));
    expect(toOrderCreateInput(order, ctx)).toEqual({
      ok: false,
      failure: {
        code: "MISSING_REQUIRED_FIELD",
        field: "line_items[1].sku_id",
        message: "TikTok SKU B (Lip Tint) has no linked Shopify variant.",
      },
    });
  });
});
