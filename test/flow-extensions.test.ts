import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ATTENTION_FIELDS,
  ATTENTION_TRIGGER_HANDLE,
  attentionPayload,
  FLOW_PAYLOAD_LIMIT_BYTES,
  payloadBytes,
} from "~/sync/attention";
import { REASON_CODES } from "~/sync/reasons";
import { parseToml, type TomlTable } from "./toml";

// The Flow extensions under extensions/ (ADR 029), held to what Shopify's CLI accepts and to what the app
// sends: the trigger's fields are the payload's keys, and its largest payload fits Flow's limit.

const EXTENSIONS = path.resolve(process.cwd(), "extensions");
const readExtension = (folder: string) =>
  parseToml(readFileSync(path.join(EXTENSIONS, folder, "shopify.extension.toml"), "utf8"));
const onlyExtension = (toml: TomlTable) => {
  const extensions = toml.extensions;
  expect(Array.isArray(extensions) && extensions.length).toBe(1);
  return (extensions as TomlTable[])[0] as TomlTable;
};

// Shopify's CLI: at most 30 characters, letters, digits and hyphens, not starting or ending with one.
const HANDLE = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,28}[a-zA-Z0-9])?$/;
// A reference field's payload key is its object's id (order_reference → order_id); a custom field's is its key.
const REFERENCES = ["customer_reference", "order_reference", "product_reference"];
const TRIGGER_FIELD_TYPES = ["boolean", "email", "single_line_text_field", "url", "number_decimal"];

describe("the Flow trigger 'TikTok order needs attention'", () => {
  const trigger = readExtension("tiktok-order-attention");
  const extension = onlyExtension(trigger);
  const fields = ((trigger.settings as TomlTable | undefined)?.fields ?? []) as TomlTable[];
  const payloadKeyOf = (field: TomlTable) =>
    REFERENCES.includes(String(field.type))
      ? `${String(field.type).replace(/_reference$/, "")}_id`
      : field.key;

  it("is a flow_trigger whose handle is the app's and fits Shopify's rules", () => {
    expect(extension).toMatchObject({ type: "flow_trigger", name: "TikTok order needs attention" });
    expect(extension.handle).toBe(ATTENTION_TRIGGER_HANDLE);
    expect(ATTENTION_TRIGGER_HANDLE.length).toBeLessThanOrEqual(30);
    expect(ATTENTION_TRIGGER_HANDLE).toMatch(HANDLE);
    expect(String(extension.description).length).toBeGreaterThan(0);
  });

  it("declares fields of types a trigger takes, custom keys of letters and spaces only", () => {
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) {
      expect([...REFERENCES, ...TRIGGER_FIELD_TYPES]).toContain(field.type);
      if (REFERENCES.includes(String(field.type))) expect(field.key).toBeUndefined();
      else expect(field.key).toMatch(/^[a-zA-Z\s]+$/);
      expect(String(field.description ?? "")).not.toBe("");
    }
    expect(fields.find((field) => field.key === ATTENTION_FIELDS.orderPage)?.type).toBe("url");
  });

  it("has exactly the keys of the payload the app sends, for blocks and failures alike", () => {
    const keys = fields.map(payloadKeyOf).sort();
    expect(new Set(keys).size).toBe(keys.length);
    for (const reasonCode of REASON_CODES) {
      const payload = attentionPayload({
        tiktokOrderId: "577000000000000001",
        reasonCode,
        message: "order.shippingAddress.zip: Zip is invalid",
        orderPageUrl: "https://admin.shopify.com/store/s/apps/k/app/orders/577000000000000001",
      });
      expect(Object.keys(payload).sort(), reasonCode).toEqual(keys);
      expect(Object.values(payload).every((value) => typeof value === "string" && value !== "")).toBe(true);
    }
  });

  it("is sent a payload under Flow's 50 KB whatever the order and message hold", () => {
    const huge = "😀\u0001".repeat(60_000);
    const payload = attentionPayload({
      tiktokOrderId: huge,
      reasonCode: "INVALID_FIELD",
      message: `order.note: ${huge}`,
      orderPageUrl: `https://admin.shopify.com/store/s/apps/k/app/orders/${huge}`,
    });
    expect(payloadBytes(payload)).toBeLessThan(FLOW_PAYLOAD_LIMIT_BYTES);
    expect(new TextEncoder().encode(JSON.stringify(payload)).length).toBe(payloadBytes(payload));
  });
});
