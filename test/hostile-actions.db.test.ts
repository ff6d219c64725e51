import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { startConnectorWorld } from "./connector-world";
import { databaseDigest } from "./database-digest";
import { actionCases } from "./hostile-action-cases";
import { APP, hostileRequest, isRefusal, messageOf, outcomeOf } from "./hostile-requests";
import { expectEveryRouteCovered, isWebhookRoute, routeAction, routesExporting } from "./route-inventory";
import { buildLineItem, buildTikTokOrder } from "./factories/tiktok-order";
import { receiveOrder } from "./sync-world";
import { seedTenant } from "./tenant-world";

// Hostile input on every action but the webhooks' (those are in hostile-input.db.test.ts): whatever is
// posted with a store's session token, the answer is never a 5xx, and a refusal (a 4xx, or an error shown
// inline) is clear, i.e. carries a non-empty message in `error`, `message` or a field of `errors`, and
// changes nothing in the database. The cases are in hostile-action-cases.ts.
const world = await startConnectorWorld();
const { default: prisma } = await import("~/db.server");
afterAll(() => world.close());

const RUNS = 40;
const { BODY_LIMIT } = await import("~/lib/read-limited-body.server");
const CHUNK = 64 * 1024;

/** A body that never ends (`start`, then filler), and how much of it was read. */
function endlessBody(start: string) {
  const filler = new TextEncoder().encode("x".repeat(CHUNK));
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        // Far past the limit, and then it does end: a reader with no limit fails the test, not the machine.
        if (pulled > 8 * BODY_LIMIT) return controller.close();
        const chunk = pulled === 0 ? new TextEncoder().encode(start) : filler;
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      // Nothing is pulled until something reads.
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}
const a = await seedTenant(world, "fuzz-a.myshopify.com");
const b = await seedTenant(world, "fuzz-b.myshopify.com");
const cases = actionCases(a, b, await shopifyOrders());

/**
 * The Shopify orders "Sync from TikTok" names, by number: one of A's, which the app created from a TikTok
 * order of A's (synced into the Shopify stand-in), and one of B's, which A must never reach. Shopify's ids are
 * unique across stores, but the stand-in numbers each store's from 1: B's TikTok order stands for another.
 */
async function shopifyOrders() {
  const { syncOrder } = await import("~/sync/sync-order.server");
  await world.shopify.control.updateVariant(a.domain, a.variantId, { inventory: 100 });
  const line = buildLineItem({ sku_id: a.skuId, product_id: a.productId, seller_sku: a.sellerSku });
  const order = buildTikTokOrder({ shipping_type: "SELLER", line_items: [line] });
  const synced = await syncOrder(await receiveOrder(a.shopId, order, a.tiktokShopId), { trigger: "manual" });
  if (synced.status !== "synced") throw new Error(`A's order didn't sync: ${JSON.stringify(synced)}`);
  const ofA = synced.shopifyOrderId.split("/").pop() ?? "";
  const ofB = String(Number(ofA) + 1000);
  await prisma.tikTokOrder.update({
    where: { id: b.orderRowId },
    data: { shopifyOrderId: `gid://shopify/Order/${ofB}`, shopifyOrderName: "#1001" },
  });
  return { ofA, ofB };
}
const connectionsOfA = await prisma.tikTokConnection.findMany({ where: { shopId: a.shopId } });
/** Disconnecting one of A's TikTok shops is a valid request: A is connected again for the next run. */
const reconnectA = () =>
  Promise.all(
    connectionsOfA.map((connection) =>
      prisma.tikTokConnection.upsert({
        where: { tiktokShopId: connection.tiktokShopId },
        create: connection,
        update: {},
      }),
    ),
  );

describe("hostile input on every action", () => {
  it("has a case for every route with an action, webhooks aside", async () => {
    const found = (await routesExporting("action")).filter((name) => !isWebhookRoute(name));
    expectEveryRouteCovered(Object.keys(cases), found, "test/hostile-action-cases.ts");
  });

  it("reads no more than 1 MB of any body: an action that reads one answers 413 and changes nothing", async () => {
    const refused: string[] = [];
    for (const [route, { path, embedded }] of Object.entries(cases)) {
      const action = await routeAction(route);
      for (const contentType of ["application/json", "application/x-www-form-urlencoded"]) {
        // Sent without a Content-Length, as a chunked upload is: only counting what is read can stop it.
        const body = endlessBody(contentType === "application/json" ? '{"a":"' : "a=");
        const headers = new Headers(
          hostileRequest(path, "POST", { kind: "none" }, embedded ? a.domain : undefined).headers,
        );
        headers.set("Content-Type", contentType);
        const request = new Request(`${APP.url}${path}`, {
          method: "POST",
          headers,
          body: body.stream,
          duplex: "half",
        } as RequestInit);
        const before = await databaseDigest();
        const outcome = await outcomeOf(() => action({ request, params: {}, context: {} }));
        await reconnectA();
        const said = `${route} (${contentType}): ${outcome.status} after ${body.pulled()} bytes`;
        expect(body.pulled(), said).toBeLessThanOrEqual(BODY_LIMIT + 2 * CHUNK);
        if (body.pulled() === 0) continue;
        expect(outcome.status, said).toBe(413);
        expect(messageOf(outcome.body), said).toMatch(/larger than the app accepts/);
        expect(await databaseDigest(), said).toBe(before);
        refused.push(route);
      }
    }
    // Those that read a body at all.
    expect(new Set(refused)).toEqual(
      new Set([
        "app.settings",
        "app.products",
        "app.orders.sync",
        "app.plan",
        "auth.login",
        "app.privacy-requests",
        "app.tiktok.disconnect",
        "app.tiktok.auto-sync",
        "app.tiktok.choose",
        "app.currencies",
        "app.carriers",
        "app.shipments.sync",
        "app.cancellations",
        "app.tiktok-shipping",
        "app.seller-cancel",
      ]),
    );
  });

  for (const [route, { path, embedded, attempts, sees }] of Object.entries(cases)) {
    it(`answers anything posted to ${route} with a success or a refusal with a message, never a 5xx`, async () => {
      const action = await routeAction(route);
      const seen = { accepted: 0, refused: 0 };
      const methods = fc.constantFrom("POST", "PUT", "PATCH", "DELETE");
      const property = fc.asyncProperty(attempts, methods, async (attempt, method) => {
        const request = hostileRequest(path, method, attempt.payload, embedded ? a.domain : undefined);
        const before = await databaseDigest();
        const outcome = await outcomeOf(() => action({ request, params: attempt.params ?? {}, context: {} }));
        const after = await databaseDigest();
        await reconnectA();
        const said = JSON.stringify(outcome.body)?.slice(0, 300);
        expect(outcome.status, said).toBeLessThan(500);
        const refused = isRefusal(outcome);
        seen[refused ? "refused" : "accepted"]++;
        if (refused) {
          expect(messageOf(outcome.body), said).toBeTruthy();
          expect(after, `a refusal changed the database: ${said}`).toBe(before);
        }
        if (attempt.expect === "refused") expect(refused, `not refused: ${said}`).toBe(true);
        if (attempt.expect === "unchanged") expect(after, `the database changed: ${said}`).toBe(before);
      });
      await fc.assert(property, { numRuns: RUNS, seed: 20_260_314, endOnFailure: true });
      for (const kind of sees) expect(seen[kind], `no ${kind} answer in ${RUNS} runs`).toBeGreaterThan(0);
    });
  }
});
