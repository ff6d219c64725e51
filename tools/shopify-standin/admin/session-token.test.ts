import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { startShopifyStandin } from "../index";
import { hostParam, mintSessionToken } from "./session-token";

const app = { apiKey: "demo-key", apiSecret: "demo-secret", url: "http://localhost:3000" };
const shopify = shopifyApi({
  apiKey: app.apiKey,
  apiSecretKey: app.apiSecret,
  apiVersion: ApiVersion.October26,
  hostName: "localhost:3000",
  isEmbeddedApp: true,
  logger: { level: 0, log: async () => {} },
});

describe("the stand-in's Shopify admin side", () => {
  it("mints session tokens that Shopify's library accepts for the store", async () => {
    const { token } = mintSessionToken(app, "demo-store.myshopify.com");
    const payload = await shopify.session.decodeSessionToken(token);
    expect(payload.dest).toBe("https://demo-store.myshopify.com");
    expect(payload.aud).toBe(app.apiKey);
  });

  it("mints tokens another app's secret does not accept", async () => {
    const { token } = mintSessionToken({ ...app, apiSecret: "someone-else" }, "demo-store.myshopify.com");
    await expect(shopify.session.decodeSessionToken(token)).rejects.toThrow();
  });

  it("opens the app embedded, with shop, host and a session token", async () => {
    const standin = await startShopifyStandin({ app });
    try {
      const response = await fetch(`${standin.url}/store/demo-store/apps/order-sync/app/settings`, {
        redirect: "manual",
      });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get("location") ?? "");
      expect(location.origin + location.pathname).toBe("http://localhost:3000/app/settings");
      expect(location.searchParams.get("embedded")).toBe("1");
      expect(location.searchParams.get("host")).toBe(hostParam("demo-store.myshopify.com"));
      const payload = await shopify.session.decodeSessionToken(location.searchParams.get("id_token") ?? "");
      expect(payload.dest).toBe("https://demo-store.myshopify.com");
      const script = await fetch(`${standin.url}/app-bridge.js`);
      expect(script.headers.get("content-type")).toMatch(/javascript/);
      expect(await script.text()).toContain("Authorization");
      const bad = await fetch(`${standin.url}/session-token?shop=not-a-shop`);
      expect(bad.status).toBe(400);
    } finally {
      await standin.close();
    }
  });
});
