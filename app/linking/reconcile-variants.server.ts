import { requeueBlocked } from "~/models/order-queue.server";
import { listLinkedVariants, setVariantsExist } from "~/models/product-link.server";
import { findShopId } from "~/models/shop.server";
import { adminClientForShop } from "~/admin-api/admin-for-shop.server";
import { getVariantsById } from "~/admin-api/operations/variants";

export type VariantReconciliation = { deleted: number; restored: number; requeued: number };

/**
 * After a product changed or was deleted in Shopify, records which linked variants are gone and which came
 * back, so PRODUCT_DELETED is known before the next sync and a restored variant's orders sync again.
 * Links store variant ids only, so the store's other linked variants are looked up in Shopify; when Shopify
 * can't be asked, what the webhook itself says is still recorded and the sync's own check catches the rest.
 */
export async function reconcileLinkedVariants(
  shopDomain: string,
  present: readonly string[],
): Promise<VariantReconciliation> {
  const result: VariantReconciliation = { deleted: 0, restored: 0, requeued: 0 };
  const shopId = await findShopId(shopDomain);
  if (!shopId) return result;
  const linked = await listLinkedVariants(shopId);
  const listed = new Set(present);
  const restored = linked
    .filter((link) => link.deleted && listed.has(link.variantId))
    .map((l) => l.variantId);
  const unknown = linked.filter((link) => !listed.has(link.variantId)).map((link) => link.variantId);
  const gone: string[] = [];
  if (unknown.length > 0) {
    try {
      const existing = await getVariantsById(await adminClientForShop(shopDomain), unknown);
      for (const link of linked) {
        if (listed.has(link.variantId)) continue;
        if (!existing.has(link.variantId)) {
          if (!link.deleted) gone.push(link.variantId);
        } else if (link.deleted) restored.push(link.variantId);
      }
    } catch (error) {
      console.warn(`Could not ask Shopify which variants of ${shopDomain} still exist: ${String(error)}`);
    }
  }
  await setVariantsExist(shopId, gone, false);
  await setVariantsExist(shopId, restored, true);
  result.deleted = gone.length;
  result.restored = restored.length;
  if (restored.length > 0) result.requeued = await requeueBlocked(shopId, ["PRODUCT_DELETED"]);
  return result;
}
