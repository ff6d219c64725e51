import type { AdminClient } from "~/admin-api/admin-client.server";
import type { ShopCurrencyQuery } from "~/types/admin.generated";

export const SHOP_CURRENCY = `#graphql
  query ShopCurrency {
    shop {
      currencyCode
    }
  }
`;

/** The store's currency: the one its orders' shop money is in. */
export async function getShopCurrency(client: AdminClient): Promise<string> {
  const data = await client.request<ShopCurrencyQuery>(SHOP_CURRENCY, {});
  return data.shop.currencyCode;
}
