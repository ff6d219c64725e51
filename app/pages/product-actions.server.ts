import { data } from "@remix-run/node";
import { z } from "zod";
import { findShopWithConnections } from "~/models/shop.server";
import { TIKTOK_ID } from "~/tiktok/ids";
import { unlinkSku } from "~/models/product-link.server";
import { adminClientForShop } from "~/admin-api/admin-for-shop.server";
import { searchVariants } from "~/admin-api/operations/variant-search";
import { getVariantsById } from "~/admin-api/operations/variants";
import { applyAutoLink, findTikTokSku, linkTikTokSku, previewAutoLink } from "~/linking/link-products.server";
import { messageOf } from "./products.server";

const tiktokId = z.string().regex(TIKTOK_ID, "Not a TikTok id.");
const variantGid = z.string().regex(/^gid:\/\/shopify\/ProductVariant\/\d+$/, "Not a Shopify variant.");

/** What the Products page can do: link by hand, unlink, apply the auto-link preview. */
export const productsActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("link"),
    tiktokSkuId: tiktokId,
    tiktokProductId: tiktokId,
    // Shown by the page while it links; the link stores the seller SKU TikTok itself has.
    sellerSku: z.string().max(255).nullish(),
    shopifyVariantId: variantGid,
  }),
  z.object({ intent: z.literal("unlink"), tiktokSkuId: tiktokId }),
  z.object({ intent: z.literal("autoLink"), skuIds: z.array(tiktokId).max(5000).optional() }),
]);
export type ProductsAction = z.infer<typeof productsActionSchema>;

export type ProductsActionResult =
  | { ok: true; intent: ProductsAction["intent"]; linked: number; requeued: number }
  | { ok: false; status: 400 | 404 | 422 | 502; error: string };

/** The Products page's action: a request that isn't one of the page's actions is a 400 with a sentence. */
export async function productsAction(shopDomain: string, body: unknown) {
  const input = productsActionSchema.safeParse(body);
  if (!input.success) return data(invalidRequest, { status: 400 });
  const result = await applyProductsAction(shopDomain, input.data);
  return result.ok ? result : data(result, { status: result.status });
}

const invalidRequest: ProductsActionResult = { ok: false, status: 400, error: "That request isn't valid." };

/** Links, unlinks or auto-links; every link re-queues the orders blocked on unlinked or deleted products. */
export async function applyProductsAction(
  shopDomain: string,
  action: ProductsAction,
): Promise<ProductsActionResult> {
  const shop = await findShopWithConnections(shopDomain);
  if (!shop?.connections.length)
    return { ok: false, status: 404, error: "Connect your TikTok shop in Settings first." };
  try {
    if (action.intent === "unlink") {
      if (!(await unlinkSku(shop.id, action.tiktokSkuId)))
        return { ok: false, status: 404, error: "That TikTok SKU isn't linked in your store." };
      return { ok: true, intent: action.intent, linked: 0, requeued: 0 };
    }
    if (action.intent === "autoLink") {
      const { linked, requeued } = await applyAutoLink(
        shopDomain,
        action.skuIds ? { skuIds: action.skuIds } : {},
      );
      return { ok: true, intent: action.intent, linked, requeued };
    }
    // Only the store's own TikTok SKU: another TikTok shop's product is not found.
    const sku = await findTikTokSku(shopDomain, action.tiktokProductId, action.tiktokSkuId);
    if (!sku) return { ok: false, status: 404, error: "That TikTok SKU isn't in your TikTok shop." };
    const found = await getVariantsById(await adminClientForShop(shopDomain), [action.shopifyVariantId]);
    if (!found.has(action.shopifyVariantId))
      return {
        ok: false,
        status: 422,
        error: "That Shopify variant doesn't exist any more: choose another.",
      };
    const { productId: tiktokProductId, skuId: tiktokSkuId, sellerSku } = sku;
    const link = { tiktokProductId, tiktokSkuId, sellerSku, shopifyVariantId: action.shopifyVariantId };
    return { ok: true, intent: action.intent, ...(await linkTikTokSku(shopDomain, link)) };
  } catch (error) {
    return { ok: false, status: 502, error: messageOf(error) };
  }
}

export type AutoLinkPreviewView =
  | {
      ok: true;
      matches: { skuId: string; tiktok: string; sellerSku: string; variant: string }[];
      ambiguous: { skuId: string; tiktok: string; sellerSku: string; variants: number }[];
      unmatched: number;
      alreadyLinked: number;
    }
  | { ok: false; error: string };

/** What auto-linking by seller SKU would link, for the preview before the merchant applies it. */
export async function autoLinkPreview(shopDomain: string): Promise<AutoLinkPreviewView> {
  try {
    const preview = await previewAutoLink(shopDomain);
    const name = (sku: { productTitle: string; name: string }) => `${sku.productTitle} · ${sku.name}`;
    return {
      ok: true,
      matches: preview.matches.map(({ sku, variant }) => ({
        skuId: sku.skuId,
        tiktok: name(sku),
        sellerSku: sku.sellerSku ?? "",
        variant: variant.displayName,
      })),
      ambiguous: preview.ambiguous.map(({ sku, variants }) => ({
        skuId: sku.skuId,
        tiktok: name(sku),
        sellerSku: sku.sellerSku ?? "",
        variants: variants.length,
      })),
      unmatched: preview.unmatched.length,
      alreadyLinked: preview.alreadyLinked.length,
    };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

export type VariantOption = { id: string; title: string; sku: string | null };

/** Shopify variants for the manual link when App Bridge's resource picker isn't there. */
export async function findVariantsForLinking(
  shopDomain: string,
  text: string,
): Promise<{ variants: VariantOption[]; error: string | null }> {
  try {
    const variants = await searchVariants(await adminClientForShop(shopDomain), text);
    return { variants: variants.map((v) => ({ id: v.id, title: v.displayName, sku: v.sku })), error: null };
  } catch (error) {
    return { variants: [], error: messageOf(error) };
  }
}
