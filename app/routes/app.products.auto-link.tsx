import type { LoaderFunctionArgs } from "@remix-run/node";
import { autoLinkPreview } from "~/pages/product-actions.server";
import { authenticateAdmin } from "~/shopify.server";

// The auto-link preview: what linking by seller SKU would link, before the merchant applies it.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return autoLinkPreview(session.shop);
};
