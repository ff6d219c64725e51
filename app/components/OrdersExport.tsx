import { useFetcher, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";
import type { createOrdersExport } from "~/pages/order-export.server";
import { download } from "./download";

/**
 * "Export CSV": asks the page for a short-lived signed link to the list as filtered now, then downloads it.
 * The download is a plain link, which can't carry the session token the app's own requests carry.
 */
export function useOrdersExport() {
  const fetcher = useFetcher<typeof createOrdersExport>({ key: "orders-export" });
  const [searchParams] = useSearchParams();
  const started = useRef<unknown>(null);

  const submit = fetcher.submit;
  const start = useCallback(() => {
    const filters = new URLSearchParams(searchParams);
    for (const key of ["after", "before", "index"]) filters.delete(key);
    filters.set("index", "");
    void submit({}, { method: "post", action: `/app/orders?${filters}` });
  }, [submit, searchParams]);

  const data = fetcher.data;
  useEffect(() => {
    if (fetcher.state !== "idle" || !data || !("url" in data) || started.current === data) return;
    started.current = data;
    download(data.url);
  }, [fetcher.state, data]);

  const error = data && "error" in data ? data.error : null;
  return { start, busy: fetcher.state !== "idle", error };
}
