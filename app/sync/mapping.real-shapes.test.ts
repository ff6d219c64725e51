import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/admin-api/admin-schema.server";
import type { TikTokOrder } from "~/tiktok/types";
import { buildMappingContext } from "../../test/factories/sync-context";
import {
  buildLineItem,
  buildRecipientAddress,
  buildTikTokOrder,
  buildUnits,
} from "../../test/factories/tiktok-order";
import { ATTRIBUTE, toOrderCreateInput } from "./mapping";
import { formatAmount } from "./money";
import { orderCreateInputErrors } from "../../test/order-input-validation";
import { shopifyOrderTotal } from "./order-total";

// Shaped after the order-detail examples TikTok publishes for Open API 202309: field names, string amounts,
// masking and relay e-mails as TikTok sends them.
function mapAndValidate(order: TikTokOrder) {
  const result = toOrderCreateInput(order, buildMappingContext(order));
  if (!result.ok) throw new Error(result.failure.message);
  expect(orderCreateInputErrors(loadAdminSchema(), result)).toEqual([]);
  expect(formatAmount(shopifyOrderTotal(result.order), result.order.currency)).toBe(
    order.payment.total_amount,
  );
  return result.order;
}

describe("orders shaped like TikTok's published examples", () => {
  it("maps a Malaysian order with a masked name, phone and postal code", () => {
    const order = buildTikTokOrder(
      {
        buyer_email: "v2b2V5@scs.tiktokw.us",
        line_items: buildUnits(2, { currency: "MYR", original_price: "39.90", seller_discount: "4.00" }),
        recipient_address: buildRecipientAddress({
          name: "A*** F***i",
          first_name: "A*** F***i",
          last_name: "",
          phone_number: "(+60)113*****36",
          postal_code: "32***",
          region_code: "MY",
          address_line1: "",
          address_line2: "",
          address_detail: "No 1*** Jalan ***",
          full_address: "No 1*** Jalan ***, Ipoh, Perak, 32***",
          district_info: [
            { address_level: "L0", address_level_name: "Country", address_name: "Malaysia" },
            { address_level: "L1", address_level_name: "State", address_name: "Perak" },
            { address_level: "L2", address_level_name: "City", address_name: "Ipoh" },
          ],
        }),
      },
      { shippingFee: "4.90", shippingPlatformDiscount: "4.90" },
    );
    const input = mapAndValidate(order);
    expect(input.shippingAddress).toEqual({
      lastName: "A*** F***i",
      address1: "No 1*** Jalan ***",
      city: "Ipoh",
      province: "Perak",
      countryCode: "MY",
    });
    expect(input.email).toBe("v2b2V5@scs.tiktokw.us");
    expect(input.customAttributes).toContainEqual({ key: ATTRIBUTE.maskedPostalCode, value: "32***" });
    expect(input.currency).toBe("MYR");
  });

  it("maps an Indonesian order with item taxes, a platform discount and TikTok's service fee", () => {
    const tax = [{ tax_type: "SALES_TAX", tax_rate: "0.11", tax_amount: "13750" }];
    const order = buildTikTokOrder(
      {
        line_items: [
          ...buildUnits(2, {
            currency: "IDR",
            original_price: "150000",
            seller_discount: "15000",
            platform_discount: "10000",
            item_tax: tax,
          }),
          buildLineItem({
            currency: "IDR",
            sku_id: "2729382476852921560",
            product_name: "Women's Winter Crochet Clothes",
            original_price: "89000",
          }),
        ],
        recipient_address: buildRecipientAddress({
          name: "Budi Santoso",
          first_name: "Budi Santoso",
          last_name: "",
          phone_number: "(+62)812*****789",
          region_code: "ID",
          postal_code: "12190",
          address_line1: "Jl. Jend. Sudirman Kav. 52-53",
          address_line2: "",
          full_address: "Jl. Jend. Sudirman Kav. 52-53, Kebayoran Baru, Jakarta Selatan, DKI Jakarta, 12190",
          district_info: [
            { address_level: "L0", address_name: "Indonesia" },
            { address_level: "L1", address_name: "DKI Jakarta" },
            { address_level: "L2", address_name: "Jakarta Selatan" },
            { address_level: "L3", address_name: "Kebayoran Baru" },
          ],
        }),
      },
      { shippingFee: "9000", shippingPlatformDiscount: "9000", extraFees: { buyer_service_fee: "1000" } },
    );
    const input = mapAndValidate(order);
    expect(input.currency).toBe("IDR");
    expect(input.lineItems.map((line) => [line.quantity, line.priceSet.shopMoney.amount])).toEqual([
      [2, "150000"],
      [1, "89000"],
    ]);
    expect(input.lineItems[0]?.taxLines?.[0]?.priceSet.shopMoney.amount).toBe("27500");
    expect(input.shippingLines.map((line) => [line.title, line.priceSet.shopMoney.amount])).toEqual([
      ["TikTok Shop shipping", "0"],
      ["Buyer service fee", "1000"],
    ]);
    expect(input.shippingAddress).toMatchObject({
      city: "Jakarta Selatan",
      zip: "12190",
      lastName: "Budi Santoso",
    });
    expect(input.shippingAddress?.phone).toBeUndefined();
  });

  it("maps a US order with sales tax, shipping tax and Colorado's retail delivery fee", () => {
    const tax = [{ tax_type: "SALES_TAX", tax_rate: "0.029", tax_amount: "0.72" }];
    const order = buildTikTokOrder(
      {
        buyer_email: "v2b2V5@chat.seller.tiktok.com",
        line_items: [buildLineItem({ original_price: "29.99", seller_discount: "5.00", item_tax: tax })],
        recipient_address: buildRecipientAddress({
          phone_number: "(+1)213-***-1234",
          postal_code: "80202",
          address_line1: "1600 Glenarm Pl",
          address_line2: "",
          full_address: "1600 Glenarm Pl, Denver, CO 80202",
          district_info: [
            { address_level: "L0", address_name: "United States", iso_code: "US" },
            { address_level: "L1", address_name: "Colorado", iso_code: "US-CO" },
            { address_level: "L2", address_name: "Denver County" },
            { address_level: "L3", address_name: "Denver" },
          ],
        }),
      },
      { shippingFee: "5.99", shippingSellerDiscount: "2.00", shippingTax: "0.12", retailDeliveryFee: "0.29" },
    );
    const input = mapAndValidate(order);
    expect(order.payment.total_amount).toBe("30.11");
    expect(input.shippingLines[0]?.taxLines?.map((line) => line.title)).toEqual([
      "Shipping tax",
      "Retail delivery fee",
    ]);
    expect(input.shippingAddress).toMatchObject({
      city: "Denver",
      provinceCode: "CO",
      zip: "80202",
      countryCode: "US",
    });
  });

  it("maps a Japanese order in whole yen", () => {
    const order = buildTikTokOrder(
      { line_items: buildUnits(3, { currency: "JPY", original_price: "1980", platform_discount: "198" }) },
      { shippingFee: "500" },
    );
    const input = mapAndValidate(order);
    expect(input.transactions[0]?.amountSet.shopMoney).toEqual({ amount: "5846", currencyCode: "JPY" });
  });

  it("maps an on-hold order whose address TikTok still withholds", () => {
    mapAndValidate(
      buildTikTokOrder({ status: "ON_HOLD", is_on_hold_order: true, recipient_address: undefined }),
    );
  });
});
