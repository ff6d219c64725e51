import type { ProductsActionResult } from "~/pages/product-actions.server";
import type { Notice } from "./sync-outcome";

const orders = (n: number) => (n === 1 ? "1 blocked order" : `${n} blocked orders`);

/** What the merchant is told after linking, unlinking or auto-linking: linking re-queues blocked orders. */
export function productsActionNotice(result: ProductsActionResult): Notice {
  if (!result.ok) return { message: result.error, tone: "critical" };
  if (result.intent === "unlink") return { message: "Unlinked", tone: "success" };
  const linked =
    result.intent === "link"
      ? "Linked"
      : result.linked === 1
        ? "Linked 1 SKU"
        : `Linked ${result.linked} SKUs`;
  if (result.linked === 0) return { message: "Nothing to link", tone: "info" };
  const requeued = result.requeued > 0 ? `; ${orders(result.requeued)} queued to sync again` : "";
  return { message: `${linked}${requeued}`, tone: "success" };
}
