import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHOP, seedVariant, TOKEN, useStandin } from "../testing";
import { adminGraphQL } from "../control/client";

// The stand-in's Shopify admin order page, hosting the app's admin UI extensions (extensions/) as Shopify
// admin does: the page, each target's sandbox, and each target's module built for the browser. The browser
// journey (test/browser/tracking.browser.test.ts) clicks through them against the demo.
const app = {
  apiKey: "demo-key",
  apiSecret: "demo-secret",
  url: "http://localhost:3000",
  extensionsDir: path.resolve("extensions"),
};
const ORDER_CREATE = `#graphql
  mutation CreateOrder($order: OrderCreateOrderInput!) {
    orderCreate(order: $order) { order { id } userErrors { field message } }
  }`;

describe("the stand-in's admin order page", () => {
  const { standin } = useStandin({}, () => ({ app }));
  const get = async (pathname: string) => {
    const response = await fetch(`${standin().url}${pathname}`);
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      text: await response.text(),
    };
  };
  const anOrder = async () => {
    const variantId = await seedVariant(standin(), { sku: "SERUM", price: "25.00" });
    const { body } = await adminGraphQL(standin().control.adminUrl(SHOP), {
      token: TOKEN,
      query: ORDER_CREATE,
      variables: { order: { lineItems: [{ variantId, quantity: 2 }], tags: ["TikTok Shop"] } },
    });
    return Number(String(body.data.orderCreate.order.id).split("/").pop());
  };

  it("shows the order with the app's block beside it and its action's should-render to ask", async () => {
    const id = await anOrder();
    const page = await get(`/store/test-shop/orders/${id}`);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).toContain("SERUM");
    expect(page.text).toContain("TikTok Shop");
    expect(page.text).toContain("Total $50.00");
    const [, title, src] = /<iframe class="block" title="([^"]*)" src="([^"]*)"/.exec(page.text) ?? [];
    expect(title).toBe("TikTok order");
    const block = new URL((src ?? "").replaceAll("&#38;", "&"), "http://standin");
    expect(block.pathname).toBe("/admin-extensions/tiktok-order-block/frame");
    expect(Object.fromEntries(block.searchParams)).toMatchObject({
      target: "admin.order-details.block.render",
      shop: SHOP,
      order: `gid://shopify/Order/${id}`,
    });
    const config = JSON.parse(
      /<script id="page-config" type="application\/json">(.*?)<\/script>/.exec(page.text)?.[1] ?? "{}",
    );
    expect(config).toMatchObject({
      appPath: "/store/test-shop/apps/demo-key",
      actions: [
        {
          name: "Sync from TikTok",
          frame: expect.stringContaining("target=admin.order-details.action.render"),
          shouldRender: expect.stringContaining("target=admin.order-details.action.should-render"),
        },
      ],
    });
    expect((await get(`/store/test-shop/orders/${id + 1000}`)).status).toBe(404);
  });

  it("gives each target a sandbox with its API's facts and the extension's strings", async () => {
    const frame = await get(
      `/admin-extensions/sync-from-tiktok/frame?target=admin.order-details.action.render&shop=${SHOP}&order=gid%3A%2F%2Fshopify%2FOrder%2F7&frame=100`,
    );
    expect(frame.status).toBe(200);
    const config = JSON.parse(
      /<script id="extension-config" type="application\/json">(.*?)<\/script>/.exec(frame.text)?.[1] ?? "{}",
    );
    expect(config).toMatchObject({
      target: "admin.order-details.action.render",
      shop: SHOP,
      orderGid: "gid://shopify/Order/7",
      appUrl: "http://localhost:3000",
      frame: "100",
      strings: { heading: "Sync from TikTok" },
    });
    expect(frame.text).toContain(
      'import run from "/admin-extensions/sync-from-tiktok/module.js?target=admin.order-details.action.render"',
    );
    // A target the extension doesn't have, and an extension the app doesn't have.
    expect(
      (await get("/admin-extensions/sync-from-tiktok/frame?target=admin.order-details.block.render")).status,
    ).toBe(404);
    expect(
      (await get("/admin-extensions/elsewhere/frame?target=admin.order-details.block.render")).status,
    ).toBe(404);
  });

  it("builds each target's module for the browser, with Preact and its own code in it", async () => {
    const module = await get(
      "/admin-extensions/tiktok-order-block/module.js?target=admin.order-details.block.render",
    );
    expect(module.status).toBe(200);
    expect(module.type).toMatch(/^text\/javascript/);
    expect(module.text).toContain("/api/extensions/orders/");
    expect(module.text).toMatch(/export\s*\{[^}]*as default/);
    expect(module.text).not.toMatch(/^import /m);
  });
});

describe("a stand-in without the app's extensions", () => {
  const { standin } = useStandin({}, () => ({ app: { ...app, extensionsDir: undefined } }));
  it("says so instead of an order page", async () => {
    const response = await fetch(`${standin().url}/store/test-shop/orders/1`);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/--extensions-dir/);
  });
});
