import { describe, expect, it } from "vitest";
import { adminGraphQL } from "./control/client";
import { SHOP, TOKEN, seedVariant, useStandin } from "./testing";

describe("injected faults", () => {
  const { graphql, standin, control } = useStandin();
  const shopQuery = "{ shop { name } }";

  it("answers about the configured share of requests with a 502 or 503", async () => {
    await control().setFaults(SHOP, { errorRate: 0.3, seed: 7 });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await graphql(shopQuery)).status);
    const failed = statuses.filter((status) => status !== 200);
    expect(failed.length).toBeGreaterThan(40);
    expect(failed.length).toBeLessThan(80);
    expect(new Set(failed)).toEqual(new Set([502, 503]));
  });

  it("answers a 502 as the edge does, with an HTML page", async () => {
    await control().setFaults(SHOP, { errorRate: 1, errorStatuses: [502], count: 1 });
    const { status, body } = await graphql(shopQuery);
    expect(status).toBe(502);
    expect(body).toMatch(/<html>.*Bad Gateway/);
  });

  it("limits a fault to a count of requests, then clears it", async () => {
    await control().setFaults(SHOP, { errorRate: 1, errorStatuses: [503], count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await graphql(shopQuery)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await control().getShop(SHOP)).faults).toBeNull();
  });

  it("adds latency before answering", async () => {
    await control().setFaults(SHOP, { latencyMs: 250 });
    const started = performance.now();
    expect((await graphql(shopQuery)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("holds a request without answering until the client gives up", async () => {
    await control().setFaults(SHOP, { timeoutMs: "never", count: 1 });
    const request = fetch(control().adminUrl(SHOP), {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": TOKEN },
      body: JSON.stringify({ query: shopQuery }),
      signal: AbortSignal.timeout(300),
    });
    await expect(request).rejects.toThrow(/aborted|timeout/i);
    expect((await graphql(shopQuery)).status).toBe(200);
  });

  it("drops the connection after a timeout of the given length", async () => {
    await control().setFaults(SHOP, { timeoutMs: 100, count: 1 });
    const started = performance.now();
    await expect(
      adminGraphQL(control().adminUrl(SHOP), { token: TOKEN, query: shopQuery }),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it("creates the order but drops the answer, leaving it findable by source_identifier", async () => {
    const variantId = await seedVariant(standin(), { sku: "DROP" });
    await control().setFaults(SHOP, { dropAfterCreate: true, count: 1 });
    const create = graphql(
      `
        mutation Create($order: OrderCreateOrderInput!) {
          orderCreate(order: $order) {
            order {
              id
            }
            userErrors {
              message
            }
          }
        }
      `,
      {
        order: { lineItems: [{ variantId, quantity: 1 }], sourceName: "tiktok", sourceIdentifier: "5770999" },
      },
    );
    await expect(create).rejects.toThrow();
    const { body } = await graphql(
      '{ orders(first: 5, query: "source_identifier:5770999") { nodes { id sourceIdentifier } } }',
    );
    expect(body.data.orders.nodes).toEqual([
      { id: expect.stringMatching(/^gid:\/\/shopify\/Order\//), sourceIdentifier: "5770999" },
    ]);
    const log = await control().listRequests(SHOP);
    expect(log.find((entry) => entry.rootFields.includes("orderCreate"))).toMatchObject({
      outcome: "dropped",
    });
  });

  it("keeps faults to the shop they were set on", async () => {
    await control().createShop({ domain: "calm.myshopify.com", acceptAnyToken: true });
    await control().setFaults(SHOP, { errorRate: 1 });
    const calm = await adminGraphQL(control().adminUrl("calm.myshopify.com"), {
      token: "any",
      query: shopQuery,
    });
    expect(calm.status).toBe(200);
    expect(standin().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
