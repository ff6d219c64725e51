import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";
import type { ProductsAction, productsAction } from "~/pages/product-actions.server";
import { productsActionNotice } from "./product-link-messages";
import type { Notice } from "./sync-outcome";

/** Link, unlink and auto-link through the Products page's action; each result is told as a notice. */
export function useProductsAction(onNotice: (notice: Notice) => void) {
  const fetcher = useFetcher<typeof productsAction>();
  const reported = useRef<unknown>(null);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || reported.current === fetcher.data) return;
    reported.current = fetcher.data;
    onNotice(productsActionNotice(fetcher.data));
  }, [fetcher.state, fetcher.data, onNotice]);
  const submit = fetcher.submit;
  const run = useCallback(
    (action: ProductsAction) =>
      submit(action, { method: "post", action: "/app/products", encType: "application/json" }),
    [submit],
  );
  return { run, busy: fetcher.state !== "idle", pending: fetcher.json as ProductsAction | undefined };
}
