import { describe, expect, it } from "vitest";
import { SHIPMENT_REASONS, shipmentNeedsMerchant } from "~/fulfillment/reasons";
import {
  ATTENTION_FIELDS,
  ATTENTION_TRIGGER_HANDLE,
  attentionPayload,
  FLOW_PAYLOAD_LIMIT_BYTES,
  payloadBytes,
  SHIPMENT_ATTENTION_FIELDS,
  SHIPMENT_ATTENTION_TRIGGER_HANDLE,
  shipmentAttentionPayload,
} from "~/sync/attention";
import { REASON_CODES } from "~/sync/reasons";
import {
  deployedFlowTriggers,
  payloadKeyOf,
  readExtension,
  REFERENCE_FIELD_TYPES,
  triggerFields,
} from "./flow-triggers";
import type { TomlTable } from "./toml";

// The Flow extensions under extensions/ (ADR 029), held to what Shopify's CLI accepts and to what the app
// sends: each trigger's fields are its payload's keys, and its largest payload fits Flow's limit.

// Shopify's CLI: at most 30 characters, letters, digits and hyphens, not starting or ending with one.
const HANDLE = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,28}[a-zA-Z0-9])?$/;
const TRIGGER_FIELD_TYPES = ["boolean", "email", "single_line_text_field", "url", "number_decimal"];
const huge = "😀\u0001".repeat(60_000);
const page = (id: string) => `https://admin.shopify.com/store/s/apps/k/app/orders/${id}`;

const TRIGGERS = [
  {
    folder: "tiktok-order-attention",
    name: "TikTok order needs attention",
    handle: ATTENTION_TRIGGER_HANDLE,
    orderReference: false,
    // Every payload the app can send: one per reason.
    payloads: () =>
      REASON_CODES.map((reasonCode) =>
        attentionPayload({
          tiktokOrderId: "577000000000000001",
          reasonCode,
          message: "order.shippingAddress.zip: Zip is invalid",
          orderPageUrl: page("577000000000000001"),
        }),
      ),
    largest: () =>
      attentionPayload({
        tiktokOrderId: huge,
        reasonCode: "INVALID_FIELD",
        message: `order.note: ${huge}`,
        orderPageUrl: page(huge),
      }),
  },
  {
    folder: "tiktok-shipment-attention",
    name: "TikTok shipment needs attention",
    handle: SHIPMENT_ATTENTION_TRIGGER_HANDLE,
    orderReference: true,
    payloads: () =>
      Object.keys(SHIPMENT_REASONS)
        .filter(shipmentNeedsMerchant)
        .map((reasonCode) =>
          shipmentAttentionPayload({
            shopifyOrderId: "gid://shopify/Order/5123456789012",
            tiktokOrderId: "577000000000000001",
            reasonCode,
            message: "The tracking number is invalid.",
            orderPageUrl: page("577000000000000001"),
          }),
        ),
    largest: () =>
      shipmentAttentionPayload({
        shopifyOrderId: "gid://shopify/Order/5123456789012",
        tiktokOrderId: huge,
        reasonCode: "TRACKING_REFUSED",
        message: huge,
        orderPageUrl: page(huge),
      }),
  },
];

describe.each(TRIGGERS)("the Flow trigger '$name'", (trigger) => {
  const toml = readExtension(trigger.folder);
  const extensions = (toml.extensions ?? []) as TomlTable[];
  const [extension] = extensions;
  const fields = triggerFields(toml);

  it("is a flow_trigger whose handle is the app's and fits Shopify's rules", () => {
    expect(extensions).toHaveLength(1);
    expect(extension).toMatchObject({ type: "flow_trigger", name: trigger.name });
    expect(extension?.handle).toBe(trigger.handle);
    expect(trigger.handle.length).toBeLessThanOrEqual(30);
    expect(trigger.handle).toMatch(HANDLE);
    expect(String(extension?.description ?? "").length).toBeGreaterThan(0);
  });

  it("declares fields of types a trigger takes, custom keys of letters and spaces only", () => {
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) {
      expect([...REFERENCE_FIELD_TYPES, ...TRIGGER_FIELD_TYPES]).toContain(field.type);
      if (REFERENCE_FIELD_TYPES.includes(String(field.type))) expect(field.key).toBeUndefined();
      else expect(field.key).toMatch(/^[a-zA-Z\s]+$/);
      expect(String(field.description ?? "")).not.toBe("");
    }
    expect(fields.find((field) => field.key === ATTENTION_FIELDS.orderPage)?.type).toBe("url");
    expect(fields.some((field) => field.type === "order_reference")).toBe(trigger.orderReference);
  });

  it("has exactly the keys of every payload the app sends it", () => {
    const keys = fields.map(payloadKeyOf).sort();
    expect(new Set(keys).size).toBe(keys.length);
    const payloads = trigger.payloads();
    expect(payloads.length).toBeGreaterThan(0);
    for (const payload of payloads) {
      expect(Object.keys(payload).sort()).toEqual(keys);
      for (const [key, value] of Object.entries(payload)) {
        if (key === SHIPMENT_ATTENTION_FIELDS.order) expect(value).toBe(5123456789012);
        else expect(typeof value === "string" && value !== "").toBe(true);
      }
    }
  });

  it("is sent a payload under Flow's 50 KB whatever the order and message hold", () => {
    const payload = trigger.largest();
    expect(payloadBytes(payload)).toBeLessThan(FLOW_PAYLOAD_LIMIT_BYTES);
    expect(new TextEncoder().encode(JSON.stringify(payload)).length).toBe(payloadBytes(payload));
  });
});

describe("the app's Flow triggers as deployed", () => {
  it("are the two triggers, each with its payload keys", () => {
    expect(deployedFlowTriggers().sort((a, b) => a.handle.localeCompare(b.handle))).toEqual([
      { handle: ATTENTION_TRIGGER_HANDLE, fields: Object.values(ATTENTION_FIELDS) },
      { handle: SHIPMENT_ATTENTION_TRIGGER_HANDLE, fields: Object.values(SHIPMENT_ATTENTION_FIELDS) },
    ]);
  });

  it("tell Flow of a fulfilment only for what the merchant fixes", () => {
    expect(Object.keys(SHIPMENT_REASONS).filter(shipmentNeedsMerchant).sort()).toEqual([
      "CARRIER_NOT_MAPPED",
      "NO_TRACKING_NUMBER",
      "PAST_SHIP_BY",
      "TIKTOK_NOT_CONNECTED",
      "TRACKING_REFUSED",
    ]);
  });
});
