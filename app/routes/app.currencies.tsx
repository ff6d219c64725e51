import type { ActionFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/lib/read-limited-body.server";
import { saveCurrencyRate } from "~/pages/settings.server";
import { authenticateAdmin } from "~/shopify.server";

// The rate from a currency to the store's (`{ currency, rate }`), for orders of a TikTok shop in another.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return saveCurrencyRate(session.shop, await readJsonBody(request));
};
