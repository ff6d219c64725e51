import { GraphQLError } from "graphql";
import type { UserErrorRecord } from "./orders/order-input";
import { nextId, nowIso, type FlowTriggerDefinition, type ShopState } from "./store";

/** Shopify Flow's limit on a trigger's payload: under 50,000 bytes of JSON. */
export const FLOW_PAYLOAD_LIMIT_BYTES = 50_000;

export type FlowTriggerReceiveArgs = { handle?: string | null; payload?: unknown; body?: string | null };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * `flowTriggerReceive(handle:, payload:)`: Flow runs the workflows that start with the app's trigger
 * `handle`, given `payload` (the trigger's fields by key). The stand-in records each accepted run for the
 * control API and refuses, with userErrors (field `handle` or `payload`, the stand-in's wording), a blank
 * handle, a payload that is not a JSON object or is not under 50,000 bytes, and — once the shop was told the
 * app's deployed triggers — an unknown handle, a payload missing one of the trigger's fields or carrying one
 * it lacks (Flow requires every field of the trigger), and an order reference (`order_id`) that is not the
 * numeric id of one of the shop's orders. The deprecated `body` is not served.
 */
export function flowTriggerReceive(shop: ShopState, args: FlowTriggerReceiveArgs): UserErrorRecord[] {
  if (args.body != null) {
    throw new GraphQLError(
      "flowTriggerReceive(body:) is deprecated and not supported by the Shopify Admin stand-in: send handle and payload",
      { extensions: { code: "NOT_SUPPORTED_BY_STANDIN" } },
    );
  }
  const errors: UserErrorRecord[] = [];
  const handle = args.handle?.trim() ?? "";
  const { payload } = args;
  if (!handle) errors.push({ field: ["handle"], message: "Handle can't be blank" });
  if (payload === undefined || payload === null) {
    errors.push({ field: ["payload"], message: "Payload can't be blank" });
  } else if (!isObject(payload)) {
    errors.push({ field: ["payload"], message: "Payload must be a JSON object" });
  } else {
    const bytes = Buffer.byteLength(JSON.stringify(payload), "utf8");
    if (bytes >= FLOW_PAYLOAD_LIMIT_BYTES) {
      errors.push({
        field: ["payload"],
        message: `Payload must be under ${FLOW_PAYLOAD_LIMIT_BYTES} bytes (it is ${bytes})`,
      });
    }
  }
  const definition = handle ? shop.flowTriggerDefinitions?.get(handle) : undefined;
  if (handle && shop.flowTriggerDefinitions && !definition) {
    errors.push({ field: ["handle"], message: `The app has no Flow trigger with the handle ${handle}` });
  }
  if (definition && isObject(payload)) errors.push(...fieldErrors(shop, definition, payload));
  if (errors.length > 0 || !isObject(payload)) return errors;
  shop.flowTriggers.push({ id: nextId(shop), handle, payload, receivedAt: nowIso() });
  return [];
}

function fieldErrors(
  shop: ShopState,
  definition: FlowTriggerDefinition,
  payload: Record<string, unknown>,
): UserErrorRecord[] {
  const given = Object.keys(payload);
  const missing = definition.fields.filter((key) => !given.includes(key));
  const unknown = given.filter((key) => !definition.fields.includes(key));
  // An order reference (key order_id) takes the numeric id of one of the shop's orders.
  const order = payload.order_id;
  const badOrder =
    definition.fields.includes("order_id") &&
    order !== undefined &&
    !(typeof order === "number" && shop.orders.has(order));
  return [
    ...missing.map((key) => ({ field: ["payload"], message: `Payload is missing the field ${key}` })),
    ...unknown.map((key) => ({
      field: ["payload"],
      message: `Payload has the field ${key}, which the trigger ${definition.handle} doesn't define`,
    })),
    ...(badOrder
      ? [
          {
            field: ["payload"],
            message: `Payload's order_id ${JSON.stringify(order)} is not an order of this shop`,
          },
        ]
      : []),
  ];
}
