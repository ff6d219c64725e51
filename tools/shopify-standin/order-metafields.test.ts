import { describe, expect, it } from "vitest";
import { SHOP, seedVariant, useStandin } from "./testing";

const ORDER_CREATE = `#graphql
  mutation CreateOrder($order: OrderCreateOrderInput!) {
    orderCreate(order: $order) {
      order {
        id
        registeredSourceUrl
        metafield(namespace: "$app", key: "tiktok_order_id") { namespace key type value jsonValue }
        metafields(first: 10) { nodes { namespace key value } }
      }
      userErrors { field message code }
    }
  }`;

const ORDER_METAFIELDS = `#graphql
  query OrderMetafields($id: ID!, $keys: [String!]) {
    order(id: $id) {
      byKey: metafield(key: "tiktok_status") { value }
      other: metafield(namespace: "custom", key: "tiktok_status") { value }
      metafields(first: 10, keys: $keys) { nodes { key } }
    }
  }`;

describe("orderCreate's metafields and sourceUrl", () => {
  const { graphql, standin, control } = useStandin();
  const create = async (order: Record<string, unknown>) =>
    (await graphql(ORDER_CREATE, { order })).body.data.orderCreate;
  const orderWith = async (extra: Record<string, unknown>) => ({
    lineItems: [{ variantId: await seedVariant(standin(), { sku: "TEE", inventory: 5 }), quantity: 1 }],
    ...extra,
  });

  it("keeps the app's metafields under its resolved namespace, and the source URL", async () => {
    const result = await create(
      await orderWith({
        sourceUrl: "https://admin.shopify.com/store/test-shop/apps/key/app/orders/577",
        metafields: [
          { namespace: "$app", key: "tiktok_order_id", type: "single_line_text_field", value: "577" },
          { key: "tiktok_status", type: "single_line_text_field", value: "AWAITING_SHIPMENT" },
          { namespace: "$app:tiktok", key: "shop", type: "single_line_text_field", value: "tts-1" },
        ],
      }),
    );
    expect(result.userErrors).toEqual([]);
    expect(result.order.registeredSourceUrl).toBe(
      "https://admin.shopify.com/store/test-shop/apps/key/app/orders/577",
    );
    expect(result.order.metafield).toEqual({
      namespace: "app--4401",
      key: "tiktok_order_id",
      type: "single_line_text_field",
      value: "577",
      jsonValue: "577",
    });
    expect(result.order.metafields.nodes).toEqual([
      { namespace: "app--4401", key: "tiktok_order_id", value: "577" },
      { namespace: "app--4401", key: "tiktok_status", value: "AWAITING_SHIPMENT" },
      { namespace: "app--4401--tiktok", key: "shop", value: "tts-1" },
    ]);
    const read = await graphql(ORDER_METAFIELDS, { id: result.order.id, keys: ["$app:tiktok.shop"] });
    expect(read.body.data.order).toEqual({
      byKey: { value: "AWAITING_SHIPMENT" },
      other: null,
      metafields: { nodes: [{ key: "shop" }] },
    });
    const [snapshot] = await control().listOrders(SHOP);
    expect(snapshot?.sourceUrl).toBe("https://admin.shopify.com/store/test-shop/apps/key/app/orders/577");
    expect(snapshot?.metafields).toContainEqual({
      namespace: "app--4401",
      key: "tiktok_order_id",
      type: "single_line_text_field",
      value: "577",
    });
  });

  it("creates an order without either as before", async () => {
    const result = await create(await orderWith({}));
    expect(result.order).toMatchObject({
      registeredSourceUrl: null,
      metafield: null,
      metafields: { nodes: [] },
    });
  });

  it("refuses metafields without key, type or value, a multi-line single-line text and a repeated key", async () => {
    const result = await create(
      await orderWith({
        metafields: [
          { namespace: "$app", type: "single_line_text_field", value: "1" },
          { namespace: "$app", key: "a", type: "single_line_text_field", value: "1" },
          { namespace: "x", key: "status", type: "single_line_text_field", value: "1" },
          { key: "status", value: "" },
          { key: "note", type: "single_line_text_field", value: "two\nlines" },
          { namespace: "$app", key: "note", type: "single_line_text_field", value: "again" },
        ],
      }),
    );
    expect(result.order).toBeNull();
    expect(
      result.userErrors.map((error: { field: string[]; message: string }) => [
        error.field.join("."),
        error.message,
      ]),
    ).toEqual([
      ["order.metafields.0.key", "Key can't be blank"],
      ["order.metafields.1.key", "Key must be 2-64 characters of letters, digits, hyphens and underscores"],
      [
        "order.metafields.2.namespace",
        "Namespace must be 3-255 characters of letters, digits, hyphens and underscores",
      ],
      ["order.metafields.3.type", "Type can't be blank"],
      ["order.metafields.3.value", "Value can't be blank"],
      ["order.metafields.4.value", "Value must be a single line text string"],
      ["order.metafields.5.key", "Key must be unique within this namespace on this resource"],
    ]);
    expect(await control().listOrders(SHOP)).toEqual([]);
  });
});
