import { describe, expect, it } from "vitest";
import { sleep } from "./http";
import { SHOP, useStandin } from "./testing";

describe("leaky bucket", () => {
  const { graphql, control } = useStandin({ bucket: { maximumAvailable: 100, restoreRate: 200 } });
  const query = "{ orders(first: 58) { nodes { id } } }"; // 60 points requested

  it("answers THROTTLED with HTTP 200 and the cost extension when the bucket lacks the requested cost", async () => {
    await control().setBucket(SHOP, { restoreRate: 0, currentlyAvailable: 12 });
    const { status, body } = await graphql(query);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: "Throttled",
        extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
      },
    ]);
    expect(body.extensions.cost).toEqual({
      requestedQueryCost: 60,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 100, currentlyAvailable: 12, restoreRate: 0 },
    });
  });

  it("serves the query again once the bucket has restored its cost", async () => {
    await control().setBucket(SHOP, { restoreRate: 0, currentlyAvailable: 0 });
    expect((await graphql(query)).body.errors?.[0].extensions.code).toBe("THROTTLED");
    await control().setBucket(SHOP, { restoreRate: 200 });
    await sleep((60 / 200) * 1000 + 100);
    const { body } = await graphql(query);
    expect(body.errors).toBeUndefined();
    expect(body.data.orders.nodes).toEqual([]);
  });

  it("admits by the requested cost but keeps only the actual cost", async () => {
    await control().setBucket(SHOP, { restoreRate: 0, currentlyAvailable: 60 });
    const first = await graphql(query);
    expect(first.body.extensions.cost).toMatchObject({ requestedQueryCost: 60, actualQueryCost: 2 });
    expect(first.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(58);
    expect((await graphql(query)).body.errors?.[0].extensions.code).toBe("THROTTLED");
  });

  it("keeps each shop's bucket separate", async () => {
    await control().createShop({ domain: "other.myshopify.com", acceptAnyToken: true });
    await control().setBucket(SHOP, { currentlyAvailable: 0 });
    expect((await control().getShop("other.myshopify.com")).throttleStatus.currentlyAvailable).toBe(2000);
  });
});
