import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildTikTokOrder } from "../../test/factories/tiktok-order";
import { parseToml, type TomlTable } from "../../test/toml";
import { METAFIELD_NAMESPACE, ORDER_METAFIELDS, orderMetafields } from "./order-metafields";

const appToml = parseToml(readFileSync(path.resolve(process.cwd(), "shopify.app.toml"), "utf8"));
// `[order.metafields.app.<key>]`: definitions of order metafields in the app's reserved namespace, `$app`.
const declared = (((appToml.order as TomlTable | undefined)?.metafields as TomlTable | undefined)?.app ??
  {}) as Record<string, TomlTable>;

describe("the app's order metafields", () => {
  it("are in the app's reserved namespace", () => {
    expect(METAFIELD_NAMESPACE).toBe("$app");
  });

  it("each have a definition in shopify.app.toml of their type, filterable in admin, read-only there", () => {
    for (const { key, type } of Object.values(ORDER_METAFIELDS)) {
      expect(declared[key], key).toMatchObject({
        type,
        access: { admin: "merchant_read" },
        capabilities: { admin_filterable: true },
      });
      expect(String(declared[key]?.name ?? "")).not.toBe("");
    }
  });

  it("are the order's TikTok id, TikTok shop and TikTok status, none of them blank", () => {
    const order = buildTikTokOrder({ id: "577000000000000042", status: "AWAITING_SHIPMENT" });
    expect(orderMetafields(order, "7495000000000000001")).toEqual([
      {
        namespace: "$app",
        key: "tiktok_order_id",
        type: "single_line_text_field",
        value: "577000000000000042",
      },
      {
        namespace: "$app",
        key: "tiktok_shop_id",
        type: "single_line_text_field",
        value: "7495000000000000001",
      },
      { namespace: "$app", key: "tiktok_status", type: "single_line_text_field", value: "AWAITING_SHIPMENT" },
    ]);
    expect(orderMetafields(order, null).map((metafield) => metafield.key)).toEqual([
      "tiktok_order_id",
      "tiktok_status",
    ]);
    expect(orderMetafields(order, "  ").map((metafield) => metafield.key)).not.toContain("tiktok_shop_id");
  });

  it("declare only what the app writes", () => {
    const written = Object.values(ORDER_METAFIELDS).map((metafield) => metafield.key);
    expect(Object.keys(declared).sort()).toEqual([...written].sort());
  });
});
