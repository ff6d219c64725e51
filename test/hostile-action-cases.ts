import fc from "fast-check";
import { form, json, nastyString, noise, wrongValue, type FormValue, type Payload } from "./hostile-requests";
import type { Tenant } from "./tenant-world";
import { SHIPPING_PROVIDERS } from "../tools/tiktok-standin/index";

/**
 * What the hostile-input test sends to each action, as store A, with what must come of it: "refused" for
 * input built to be invalid (a 4xx or an inline error), "unchanged" for input that may be answered either
 * way but must change nothing (another store's ids, actions that store nothing), "any" for the rest.
 */
export type Expect = "refused" | "unchanged" | "any";
export type Attempt = { payload: Payload; expect: Expect; params?: Record<string, string> };
export type ActionCase = {
  path: string;
  /** Signed in as store A, unless the route is public. */
  embedded: boolean;
  attempts: fc.Arbitrary<Attempt>;
  /** Answers the run must include, so that the property is not vacuous. */
  sees: ("accepted" | "refused")[];
};

const sent = (payload: fc.Arbitrary<Payload>, expect: Expect) => payload.map((p) => ({ payload: p, expect }));
const refusedJson = (values: fc.Arbitrary<unknown>) => sent(values.map(json), "refused");
/** `base` with one of `keys` replaced by a value of `values`, or left out. */
const withField = (base: Record<string, unknown>, keys: string[], values: fc.Arbitrary<unknown>) =>
  fc.tuple(fc.constantFrom(...keys), fc.option(values, { nil: undefined })).map(([key, value]) => {
    const copy: Record<string, unknown> = { ...base };
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  });
const TIKTOK_ID = /^[A-Za-z0-9_-]{1,64}$/;
const badIds = wrongValue.filter((value) => typeof value !== "string" || !TIKTOK_ID.test(value));
const FILE: FormValue = { file: new Uint8Array([0xff]) };

// The Settings page sends its form as JSON, booleans as booleans.
const settings = {
  autoSync: fc.boolean(),
  sampleOrderRule: fc.constantFrom("SYNC", "COMBINE", "SKIP"),
  sampleOrderTag: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,30}$/),
  combineWindowMinutes: fc.integer({ min: 30, max: 1440 }),
  onHoldRule: fc.constantFrom("WAIT", "SYNC"),
  orderTags: fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,20}$/), { maxLength: 4 }),
  orderNameFormat: fc.constantFrom("TT-{id}", "{id}", "TikTok {id}"),
  inventoryBehaviour: fc.constantFrom("BYPASS", "DECREMENT_IGNORING_POLICY", "DECREMENT_OBEYING_POLICY"),
  notifyCustomer: fc.boolean(),
  restockReturns: fc.boolean(),
  offerTikTokCancel: fc.boolean(),
};
const TEXT_SETTINGS = [
  "sampleOrderRule",
  "sampleOrderTag",
  "combineWindowMinutes",
  "onHoldRule",
  "orderNameFormat",
];
const validSettings = fc.record(settings);
/** The same settings as an HTML form would post them: the page doesn't, and such a post is refused. */
const asFormFields = (values: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== false)
      .map(([key, value]) => [
        key,
        value === true ? "on" : Array.isArray(value) ? value.join(", ") : String(value),
      ]),
  );
/**
 * A value each field refuses: out of range, not one of the choices, control characters, too long, or of
 * the wrong type (a checkbox's "on", a number as text).
 */
const invalidSetting = fc.oneof(
  fc.tuple(fc.constant("combineWindowMinutes"), fc.constantFrom(0, 29, 1441, 1e9, 45.5, "60", "abc", null)),
  fc.tuple(
    fc.constantFrom("sampleOrderRule", "onHoldRule", "inventoryBehaviour"),
    fc.constantFrom("", "sync", "\u0000", null, 1),
  ),
  fc.tuple(
    fc.constantFrom("sampleOrderTag", "orderNameFormat"),
    fc.constantFrom("", "a\u0000b {id}", "x".repeat(100_000), 7, null),
  ),
  fc.tuple(
    fc.constant("orderTags"),
    fc.constantFrom(["a\u0000"], ["x".repeat(41)], Array<string>(21).fill("t"), [""], [1], "TikTok"),
  ),
  fc.tuple(
    fc.constantFrom("autoSync", "notifyCustomer", "restockReturns", "offerTikTokCancel"),
    fc.constantFrom("on", "", "true", 1, null),
  ),
  fc.tuple(fc.constant("orderNameFormat"), fc.constantFrom("TT-", "{ID}")),
);

/** Shopify orders by the number at the end of their GID: one of A's that the app created, one of B's. */
export type ShopifyOrders = { ofA: string; ofB: string };

export function actionCases(a: Tenant, b: Tenant, shopifyOrders: ShopifyOrders): Record<string, ActionCase> {
  const link = {
    intent: "link",
    tiktokSkuId: a.skuId,
    tiktokProductId: a.productId,
    sellerSku: a.sellerSku,
    shopifyVariantId: a.variantId,
  };
  const unlink = { intent: "unlink", tiktokSkuId: a.skuId };
  const orderIds = fc.oneof(
    fc.constant({ id: a.orderId, expect: "any" as const }),
    fc.constant({ id: b.orderId, expect: "refused" as const }),
    fc
      .oneof(nastyString, fc.stringMatching(TIKTOK_ID))
      .filter((id) => id !== a.orderId)
      .map((id) => ({ id, expect: "refused" as const })),
  );
  return {
    "app.orders.$id": {
      path: "/app/orders/fuzz",
      embedded: true,
      attempts: fc
        .tuple(noise, orderIds)
        .map(([payload, { id, expect }]) => ({ payload, expect, params: { id } })),
      sees: ["accepted", "refused"],
    },
    // Download a data report: a signed link for one of the store's own pending requests (A has none), else a
    // refusal; nothing is stored either way.
    "app.privacy-requests": {
      path: "/app/privacy-requests",
      embedded: true,
      attempts: fc.oneof(
        sent(noise, "unchanged"),
        refusedJson(wrongValue.map((id) => ({ id }))),
        refusedJson(fc.constant({ id: "no-such-request" })),
      ),
      sees: ["refused"],
    },
    // "Export CSV" signs a link to the list as its URL filters it, whatever the body: nothing is stored.
    "app.orders._index": {
      path: "/app/orders?index&tab=blocked&q=serum",
      embedded: true,
      attempts: sent(noise, "unchanged"),
      sees: ["accepted"],
    },
    "app.orders.sync": {
      path: "/app/orders/sync",
      embedded: true,
      attempts: fc.oneof(
        sent(fc.constant(json({ ids: [a.orderId] })), "any"),
        sent(fc.constant(json({ ids: [b.orderId, "no-such-order"] })), "unchanged"),
        refusedJson(
          fc.constantFrom({}, { ids: [] }, { ids: Array(251).fill(a.orderId) }, { ids: a.orderId }),
        ),
        refusedJson(badIds.map((id) => ({ ids: [a.orderId, id] }))),
        sent(
          wrongValue.map((ids) => json({ ids })),
          "unchanged",
        ),
        sent(noise, "unchanged"),
      ),
      sees: ["accepted", "refused"],
    },
    "app.products": {
      path: "/app/products",
      embedded: true,
      attempts: fc.oneof(
        sent(
          fc.constantFrom(json(link), json(unlink), json({ intent: "autoLink", skuIds: [a.skuId] })),
          "any",
        ),
        refusedJson(
          withField(link, ["intent", "tiktokSkuId", "tiktokProductId", "shopifyVariantId"], badIds),
        ),
        refusedJson(withField(link, ["sellerSku"], fc.constantFrom(0, true, [], {}, "x".repeat(256)))),
        refusedJson(withField(unlink, ["intent", "tiktokSkuId"], badIds)),
        refusedJson(badIds.map((skuIds) => ({ intent: "autoLink", skuIds }))),
        refusedJson(
          fc
            .string()
            .filter((i) => !["link", "unlink", "autoLink"].includes(i))
            .map((intent) => ({ ...link, intent })),
        ),
        // Another store's SKU, product or variant: not found, nothing linked or unlinked.
        refusedJson(
          fc.constantFrom(
            { ...unlink, tiktokSkuId: b.skuId },
            { ...link, shopifyVariantId: b.variantId },
            { ...link, tiktokSkuId: b.skuId, tiktokProductId: b.productId },
            { ...link, tiktokSkuId: b.skuId },
          ),
        ),
        sent(fc.constant(json({ intent: "autoLink", skuIds: [b.skuId] })), "unchanged"),
        sent(withField(link, ["sellerSku"], nastyString).map(json), "any"),
        sent(noise, "refused"),
      ),
      sees: ["accepted", "refused"],
    },
    "app.settings": {
      path: "/app/settings",
      embedded: true,
      attempts: fc.oneof(
        sent(validSettings.map(json), "any"),
        sent(
          fc
            .tuple(validSettings, invalidSetting)
            .map(([values, [key, value]]) => json({ ...values, [key]: value })),
          "refused",
        ),
        sent(
          fc
            .tuple(validSettings, fc.constantFrom(...TEXT_SETTINGS, "orderTags"), nastyString)
            .map(([values, key, value]) => json({ ...values, [key]: value })),
          "any",
        ),
        sent(
          validSettings.map((values) => form(asFormFields(values))),
          "refused",
        ),
        sent(
          fc
            .tuple(validSettings, fc.constantFrom(...TEXT_SETTINGS))
            .map(([values, key]) => form({ ...asFormFields(values), [key]: FILE }, "multipart")),
          "refused",
        ),
        sent(noise, "refused"),
      ),
      sees: ["accepted", "refused"],
    },
    "app.plan": {
      path: "/app/plan",
      embedded: true,
      attempts: fc.oneof(
        // Choosing a plan sends the merchant to Shopify's approval page; nothing is stored before they return.
        sent(fc.constant(form({ intent: "choose", plan: "Standard Annual" })), "unchanged"),
        sent(
          fc.oneof(
            fc.constantFrom(
              form({ intent: "cancel", subscriptionId: "gid://shopify/AppSubscription/999999" }),
              form({ intent: "choose", plan: FILE }, "multipart"),
              json({ intent: "choose", plan: "Standard Annual" }),
            ),
            nastyString.map((plan) => form({ intent: "choose", plan })),
            nastyString.map((subscriptionId) => form({ intent: "cancel", subscriptionId })),
            nastyString.map((intent) => form({ intent })),
          ),
          "refused",
        ),
        sent(noise, "refused"),
      ),
      sees: ["accepted", "refused"],
    },
    // Connect records a single-use authorization (whatever the body): the connection waits for TikTok.
    "app.tiktok.connect": {
      path: "/app/tiktok/connect",
      embedded: true,
      attempts: sent(noise, "any"),
      sees: ["accepted"],
    },
    ...tiktokShopCases(a, b),
    ...extensionCases(shopifyOrders),
    // The login form only redirects to Shopify's install page: nothing is stored.
    "auth.login": {
      path: "/auth/login",
      embedded: false,
      attempts: fc.oneof(
        sent(
          fc
            .oneof(nastyString, fc.constantFrom("fuzz-a", "fuzz-a.myshopify.com"))
            .map((shop) => form({ shop })),
          "unchanged",
        ),
        sent(fc.constantFrom(json({ shop: "fuzz-a" }), form({ shop: FILE }, "multipart")), "refused"),
        sent(noise, "unchanged"),
      ),
      sees: ["accepted", "refused"],
    },
  };
}

/**
 * "Sync from TikTok" on Shopify's order page (an admin UI extension's POST): A's own order may be synced; B's,
 * one the app didn't create, or anything but an order number is a 404 or 400, another method a 405, and none
 * of them changes anything. It reads no body: whatever is sent makes no difference.
 */
function extensionCases({ ofA, ofB }: ShopifyOrders): Record<string, ActionCase> {
  const NUMBER = /^[1-9][0-9]{0,19}$/;
  const orderIds = fc.oneof(
    { arbitrary: fc.constant({ id: ofA, expect: "any" as const }), weight: 3 },
    { arbitrary: fc.constant({ id: ofB, expect: "refused" as const }), weight: 1 },
    {
      arbitrary: fc
        .stringMatching(NUMBER)
        .filter((id) => id !== ofA)
        .map((id) => ({ id, expect: "refused" as const })),
      weight: 1,
    },
    {
      arbitrary: fc
        .oneof(nastyString, fc.string(), fc.constantFrom("0", "-1", "1.5", `gid://shopify/Order/${ofA}`))
        .filter((id) => !NUMBER.test(id))
        .map((id) => ({ id, expect: "refused" as const })),
      weight: 1,
    },
  );
  return {
    "api.extensions.orders.$orderId.sync": {
      path: "/api/extensions/orders/fuzz/sync",
      embedded: true,
      attempts: fc
        .tuple(noise, orderIds)
        .map(([payload, { id, expect }]) => ({ payload, expect, params: { orderId: id } })),
      sees: ["accepted", "refused"],
    },
  };
}

/**
 * The actions on one TikTok shop of the store, and the exchange rates. Each names a TikTok shop by its id:
 * one of A's may be accepted; B's (or one nobody connected) is a 404 that changes nothing, a malformed body a
 * 400. */
function tiktokShopCases(a: Tenant, b: Tenant): Record<string, ActionCase> {
  const refusedJson = (values: fc.Arbitrary<unknown>) => sent(values.map(json), "refused");
  const notOurs = fc.oneof(
    fc.constant(b.tiktokShopId),
    fc.stringMatching(/^[0-9]{1,19}$/).filter((id) => id !== a.tiktokShopId && !id.startsWith("tts-")),
  );
  /** Anything but a non-empty id of at most 64 characters. */
  const notAnId = wrongValue.filter(
    (value) => typeof value !== "string" || value.length === 0 || value.length > 64,
  );
  const choices = fc.constantFrom("store", "on", "off");
  return {
    "app.tiktok.disconnect": {
      path: "/app/tiktok/disconnect",
      embedded: true,
      attempts: fc.oneof(
        sent(fc.constant(json({ tiktokShopId: a.tiktokShopId })), "any"),
        refusedJson(notOurs.map((tiktokShopId) => ({ tiktokShopId }))),
        refusedJson(notAnId.map((tiktokShopId) => ({ tiktokShopId }))),
        refusedJson(
          fc.constantFrom({}, [a.tiktokShopId], a.tiktokShopId, { tiktokShopIds: [a.tiktokShopId] }),
        ),
        sent(noise, "refused"),
      ),
      sees: ["accepted", "refused"],
    },
    "app.tiktok.auto-sync": {
      path: "/app/tiktok/auto-sync",
      embedded: true,
      attempts: fc.oneof(
        sent(
          choices.map((autoSync) => json({ tiktokShopId: a.tiktokShopId, autoSync })),
          "any",
        ),
        refusedJson(
          fc.tuple(notOurs, choices).map(([tiktokShopId, autoSync]) => ({ tiktokShopId, autoSync })),
        ),
        refusedJson(
          fc.tuple(notAnId, choices).map(([tiktokShopId, autoSync]) => ({ tiktokShopId, autoSync })),
        ),
        refusedJson(
          fc
            .oneof(wrongValue, fc.string())
            .filter((autoSync) => !["store", "on", "off"].includes(autoSync as string))
            .map((autoSync) => ({ tiktokShopId: a.tiktokShopId, autoSync })),
        ),
        refusedJson(choices.map((autoSync) => ({ autoSync }))),
        sent(noise, "refused"),
      ),
      sees: ["accepted", "refused"],
    },
    // A has no authorization waiting for a choice: every pick is refused, B's TikTok shop above all.
    "app.tiktok.choose": {
      path: "/app/tiktok/choose",
      embedded: true,
      attempts: fc.oneof(
        refusedJson(fc.constant({ tiktokShopIds: [b.tiktokShopId] })),
        refusedJson(
          fc
            .array(fc.oneof(notOurs, nastyString), { maxLength: 3 })
            .map((tiktokShopIds) => ({ tiktokShopIds })),
        ),
        refusedJson(wrongValue.map((tiktokShopIds) => ({ tiktokShopIds }))),
        sent(noise, "refused"),
      ),
      sees: ["refused"],
    },
    // A carrier mapping for one of A's TikTok shops, to a provider TikTok offers it, may be accepted; another
    // store's shop, a provider TikTok doesn't offer or a malformed body is refused.
    "app.carriers": {
      path: "/app/carriers",
      embedded: true,
      attempts: fc.oneof(
        sent(
          fc
            .tuple(
              fc.constantFrom("UPS", "DHL Express", ""),
              fc.constantFrom(...SHIPPING_PROVIDERS.US.map((p) => p.id)),
            )
            .map(([shopifyCarrier, providerId]) =>
              json({ intent: "save", tiktokShopId: a.tiktokShopId, shopifyCarrier, providerId }),
            ),
          "any",
        ),
        refusedJson(
          notOurs.map((tiktokShopId) => ({
            intent: "save",
            tiktokShopId,
            shopifyCarrier: "UPS",
            providerId: SHIPPING_PROVIDERS.US[1]?.id,
          })),
        ),
        refusedJson(
          fc
            .oneof(
              wrongValue,
              nastyString.filter((id) => !SHIPPING_PROVIDERS.US.some((p) => p.id === id)),
            )
            .map((providerId) => ({
              intent: "save",
              tiktokShopId: a.tiktokShopId,
              shopifyCarrier: "UPS",
              providerId,
            })),
        ),
        refusedJson(
          fc
            .oneof(notOurs, notAnId)
            .map((tiktokShopId) => ({ intent: "remove", tiktokShopId, shopifyCarrier: "ups" })),
        ),
        sent(noise, "refused"),
      ),
      sees: ["refused"],
    },
    // A has no cancellation request waiting: an answer for A's order is a 409, for B's (or none) a 404, a
    // malformed one a 400.
    "app.cancellations": {
      path: "/app/cancellations",
      embedded: true,
      attempts: fc.oneof(
        refusedJson(
          fc
            .tuple(fc.constantFrom(a.orderId, b.orderId, "123"), fc.constantFrom("approve", "reject"))
            .map(([tiktokOrderId, intent]) => ({
              intent,
              tiktokOrderId,
              rejectReason: "seller_reject_apply_agreed_with_buyer",
            })),
        ),
        refusedJson(
          fc.oneof(wrongValue, nastyString).map((tiktokOrderId) => ({ intent: "approve", tiktokOrderId })),
        ),
        refusedJson(
          fc
            .oneof(wrongValue, nastyString)
            .map((rejectReason) => ({ intent: "reject", tiktokOrderId: a.orderId, rejectReason })),
        ),
        sent(noise, "refused"),
      ),
      sees: ["refused"],
    },
    // A's orders have no TikTok Shipping package: arranging or labelling any package (of A's order, B's or
    // none) is a 404, a malformed request a 400.
    "app.tiktok-shipping": {
      path: "/app/tiktok-shipping",
      embedded: true,
      attempts: fc.oneof(
        refusedJson(
          fc
            .tuple(
              fc.constantFrom(a.orderId, b.orderId, "123"),
              fc.stringMatching(/^[0-9]{1,20}$/),
              fc.constantFrom("arrange", "label"),
            )
            .map(([tiktokOrderId, packageId, intent]) => ({
              intent,
              tiktokOrderId,
              packageId,
              method: "DROP_OFF",
            })),
        ),
        refusedJson(
          fc
            .oneof(wrongValue, nastyString)
            .map((packageId) => ({ intent: "label", tiktokOrderId: a.orderId, packageId })),
        ),
        refusedJson(
          fc.oneof(wrongValue, nastyString).map((method) => ({
            intent: "arrange",
            tiktokOrderId: a.orderId,
            packageId: "1153000000000000001",
            method,
          })),
        ),
        sent(noise, "refused"),
      ),
      sees: ["refused"],
    },
    // A's order isn't waiting to be cancelled on TikTok: an answer for it is a 409, for B's (or none) a 404,
    // a reason TikTok doesn't list or a malformed body a 400.
    "app.seller-cancel": {
      path: "/app/seller-cancel",
      embedded: true,
      attempts: fc.oneof(
        refusedJson(
          fc
            .tuple(fc.constantFrom(a.orderId, b.orderId, "123"), fc.constantFrom("cancel", "keep"))
            .map(([tiktokOrderId, intent]) => ({
              intent,
              tiktokOrderId,
              reason: "seller_cancel_reason_out_of_stock",
            })),
        ),
        refusedJson(
          fc
            .oneof(wrongValue, nastyString)
            .map((reason) => ({ intent: "cancel", tiktokOrderId: a.orderId, reason })),
        ),
        sent(noise, "refused"),
      ),
      sees: ["refused"],
    },
    // A has no fulfilment: any id is another store's or none (404), a malformed body a 400.
    "app.shipments.sync": {
      path: "/app/shipments/sync",
      embedded: true,
      attempts: fc.oneof(
        refusedJson(fc.oneof(nastyString, wrongValue).map((shipmentId) => ({ shipmentId }))),
        refusedJson(fc.constantFrom({}, [], "x", { id: "x" })),
        sent(noise, "refused"),
      ),
      sees: ["refused"],
    },
    "app.currencies": {
      path: "/app/currencies",
      embedded: true,
      attempts: fc.oneof(
        sent(
          fc
            .tuple(
              fc.constantFrom("GBP", "EUR", "gbp", " CAD "),
              fc.stringMatching(/^[1-9][0-9]{0,3}(\.[0-9]{1,6})?$/),
            )
            .map(([currency, rate]) => json({ currency, rate })),
          "any",
        ),
        refusedJson(
          fc
            .oneof(
              wrongValue,
              fc.constantFrom("0", "0.000000", "-1", "1.1234567", "1,27", "1e3", "Infinity", ""),
            )
            // The app's rule: after trimming, a positive decimal with at most six decimals.
            .filter(
              (rate) =>
                typeof rate !== "string" ||
                !/^\d{1,9}(\.\d{1,6})?$/.test(rate.trim()) ||
                Number(rate.trim()) <= 0,
            )
            .map((rate) => ({ currency: "GBP", rate })),
        ),
        refusedJson(
          fc
            .oneof(wrongValue, fc.constantFrom("GB", "POUND", "€", "12X", ""))
            // The app's rule: after trimming and upper-casing, three letters A-Z.
            .filter(
              (currency) => typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency.trim().toUpperCase()),
            )
            .map((currency) => ({ currency, rate: "1.27" })),
        ),
        sent(noise, "refused"),
      ),
      sees: ["accepted", "refused"],
    },
  };
}
