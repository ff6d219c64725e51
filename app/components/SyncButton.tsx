import { useFetcher } from "@remix-run/react";
import { Button, Tooltip } from "@shopify/polaris";
import { useEffect, useRef } from "react";
import type { syncButtonAction } from "~/pages/manual-sync.server";
import type { SyncButtonState } from "~/sync/sync-button";
import { describeSyncOutcome, type Notice } from "./sync-outcome";

type Props = {
  tiktokOrderId: string;
  state: SyncButtonState;
  onNotice: (notice: Notice) => void;
  variant?: "primary" | "secondary";
};

/**
 * Sync for one order: runs syncOrder in the request and reports the outcome. Disabled by the reason's
 * manual-sync rule, with the rule's explanation on hover.
 */
export function SyncButton({ tiktokOrderId, state, onNotice, variant = "secondary" }: Props) {
  const fetcher = useFetcher<typeof syncButtonAction>();
  const reported = useRef<typeof fetcher.data>(undefined);

  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state !== "idle" || !data || reported.current === data) return;
    reported.current = data;
    if ("outcome" in data) onNotice(describeSyncOutcome(data.outcome));
    else onNotice({ message: data.error, tone: "critical" });
  }, [fetcher.state, fetcher.data, onNotice]);

  const sync = () =>
    fetcher.submit(null, { method: "post", action: `/app/orders/${encodeURIComponent(tiktokOrderId)}` });

  if (!state.enabled)
    return (
      <Tooltip content={state.because}>
        <Button disabled variant={variant} accessibilityLabel={`Sync: ${state.because}`}>
          Sync
        </Button>
      </Tooltip>
    );
  return (
    <Button variant={variant} onClick={sync} loading={fetcher.state !== "idle"}>
      Sync
    </Button>
  );
}
