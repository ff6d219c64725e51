import { afterAll, beforeAll, beforeEach } from "vitest";
import { adminGraphQL, type AdminResponse } from "./control/client";
import type { CreateShopInput } from "./control/input";
import { startShopifyStandin, type ShopifyStandin } from "./index";
import type { StandinServerOptions } from "./server";

export const SHOP = "test-shop.myshopify.com";
export const TOKEN = "shpat_test_token";

/**
 * Starts one stand-in for a test file and gives every test a fresh shop (SHOP, token TOKEN, an active
 * subscription), shaped by `shop`. `server` gives the stand-in's options when it starts (after the file's
 * earlier beforeAll hooks, so an app started there can be named). Returns accessors: the stand-in and a
 * GraphQL caller for SHOP.
 */
export function useStandin(
  shop: Partial<CreateShopInput> = {},
  server: () => StandinServerOptions = () => ({}),
) {
  let standin: ShopifyStandin | undefined;
  beforeAll(async () => {
    standin = await startShopifyStandin({ ...server(), port: 0 });
  });
  afterAll(async () => {
    await standin?.close();
  });
  beforeEach(async () => {
    await current().control.reset();
    await current().control.createShop({ domain: SHOP, tokens: [TOKEN], ...shop });
    await current().control.setSubscription(SHOP, { name: "Standard", status: "ACTIVE" });
  });
  const current = () => {
    if (!standin) throw new Error("stand-in not started");
    return standin;
  };
  return {
    standin: current,
    control: () => current().control,
    graphql: (query: string, variables?: Record<string, unknown>, token = TOKEN): Promise<AdminResponse> =>
      adminGraphQL(current().control.adminUrl(SHOP), { token, query, variables }),
  };
}

/** A product with one variant; answers the variant's gid. */
export async function seedVariant(
  standin: ShopifyStandin,
  variant: {
    sku: string;
    price?: string;
    inventory?: number;
    inventoryPolicy?: "DENY" | "CONTINUE";
    tracked?: boolean;
  },
): Promise<string> {
  const product = await standin.control.addProduct(SHOP, {
    title: `Product ${variant.sku}`,
    variants: [variant],
  });
  const [created] = product.variants;
  if (!created) throw new Error(`addProduct returned no variant for ${variant.sku}`);
  return created.id;
}
