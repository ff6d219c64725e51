import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { findVariantsForLinking } from "~/pages/product-actions.server";
import { authenticateAdmin } from "~/shopify.server";

// Shopify variants matching what the merchant typed, for linking by hand without the resource picker.
const searchText = z.string().trim().max(100).catch("");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  const text = searchText.parse(new URL(request.url).searchParams.get("q") ?? "");
  return findVariantsForLinking(session.shop, text);
};
