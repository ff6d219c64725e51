import { gid } from "../gid";
import type { MetafieldRecord, OrderRecord, ShopState } from "../store";
import { nextId } from "../store";
import type { MetafieldInput, UserErrorRecord } from "./order-input";

/**
 * The app the stand-in answers as: the id its reserved namespace `$app` stands for. Shopify stores an app's
 * `$app` metafields under `app--<app id>`; any app talking to the stand-in is this one.
 */
export const STANDIN_APP_ID = 4401;

/** A namespace as Shopify stores it: `$app` → `app--4401`, `$app:tiktok` → `app--4401--tiktok`. */
export function resolveNamespace(namespace: string | null | undefined): string {
  const given = namespace ?? "$app";
  if (given === "$app") return `app--${STANDIN_APP_ID}`;
  if (given.startsWith("$app:")) return `app--${STANDIN_APP_ID}--${given.slice("$app:".length)}`;
  return given;
}

const KEY = /^[A-Za-z0-9_-]{2,64}$/;
const NAMESPACE = /^[A-Za-z0-9_-]{3,255}$/;
const APP_NAMESPACE = /^\$app(:[A-Za-z0-9_-]{1,200})?$/;

/**
 * What `orderCreate` refuses in `metafields` (the wording is the stand-in's; Shopify checks the same
 * things): a key, a type and a value are needed (the stand-in knows no definitions to take a type from), a
 * key or namespace of the wrong shape, a single-line text with a line break, the same namespace and key
 * twice.
 */
export function metafieldUserErrors(metafields: readonly MetafieldInput[]): UserErrorRecord[] {
  const errors: UserErrorRecord[] = [];
  const seen = new Set<string>();
  metafields.forEach((metafield, index) => {
    const at = (field: string) => ["order", "metafields", String(index), field];
    const invalid = (field: string, message: string) =>
      errors.push({ field: at(field), message, code: "INVALID" });
    const namespace = metafield.namespace ?? "$app";
    if (!metafield.key) invalid("key", "Key can't be blank");
    else if (!KEY.test(metafield.key))
      invalid("key", "Key must be 2-64 characters of letters, digits, hyphens and underscores");
    if (!APP_NAMESPACE.test(namespace) && !NAMESPACE.test(namespace))
      invalid("namespace", "Namespace must be 3-255 characters of letters, digits, hyphens and underscores");
    if (!metafield.type) invalid("type", "Type can't be blank");
    if (metafield.value === null || metafield.value === undefined || metafield.value === "")
      invalid("value", "Value can't be blank");
    else if (metafield.type === "single_line_text_field" && /[\r\n]/.test(metafield.value))
      invalid("value", "Value must be a single line text string");
    const identity = `${resolveNamespace(namespace)}.${metafield.key ?? ""}`;
    if (metafield.key && seen.has(identity))
      invalid("key", "Key must be unique within this namespace on this resource");
    seen.add(identity);
  });
  return errors;
}

/** The metafields of a new order, from input `metafieldUserErrors` accepted. */
export function metafieldRecords(
  shop: ShopState,
  metafields: readonly MetafieldInput[],
  now: string,
): MetafieldRecord[] {
  return metafields.map((metafield) => ({
    id: nextId(shop),
    namespace: resolveNamespace(metafield.namespace),
    key: metafield.key ?? "",
    type: metafield.type ?? "",
    value: metafield.value ?? "",
    createdAt: now,
    updatedAt: now,
  }));
}

/** The order's metafield of `namespace` (default `$app`) and `key`, if it has one. */
export function findMetafield(
  order: OrderRecord,
  namespace: string | null | undefined,
  key: string,
): MetafieldRecord | undefined {
  const resolved = resolveNamespace(namespace);
  return order.metafields.find((metafield) => metafield.namespace === resolved && metafield.key === key);
}

/** A metafield as the schema's Metafield object. */
export function metafieldView(metafield: MetafieldRecord, owner: () => unknown) {
  return {
    __typename: "Metafield",
    id: gid("Metafield", metafield.id),
    legacyResourceId: String(metafield.id),
    namespace: metafield.namespace,
    key: metafield.key,
    type: metafield.type,
    value: metafield.value,
    jsonValue: jsonValueOf(metafield),
    description: null,
    ownerType: "ORDER",
    owner,
    createdAt: metafield.createdAt,
    updatedAt: metafield.updatedAt,
  };
}

// Text types read back as strings; JSON-valued types (numbers, booleans, json, lists) as their JSON.
function jsonValueOf(metafield: MetafieldRecord): unknown {
  if (metafield.type.endsWith("text_field") || metafield.type === "url") return metafield.value;
  try {
    return JSON.parse(metafield.value);
  } catch {
    return metafield.value;
  }
}
