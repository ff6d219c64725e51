import { useFetcher } from "@remix-run/react";
import { Button, Tooltip } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import type { syncButtonAction } from "~/pages/manual-sync.server";
import type { SyncButtonState } from "~/sync/sync-button";
import { ForceSyncModal } from "./ForceSyncModal";
import { describeSyncOutcome, type Notice } from "./sync-outcome";

type Props = {
  tiktokOrderId: string;
  state: SyncButtonState;
  onNotice: (notice: Notice) => void;
  variant?: "primary" | "secondary";
};

/**
 * Sync for one order: runs syncOrder in the request and reports the outcome. Disabled by the reason's
 * manual-sync rule, with the rule's explanation on hover. When Sync would force the order past a check
 * (cancelled, on hold), the merchant is told what happens and confirms first.
 */
export function SyncButton({ tiktokOrderId, state, onNotice, variant = "secondary" }: Props) {
  const fetcher = useFetcher<typeof syncButtonAction>();
  const reported = useRef<typeof fetcher.data>(undefined);
  const [confirming, setConfirming] = useState(false);

  // Reported as soon as the answer arrives, before the page reloads: a synced order's row loses this button.
  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state === "submitting" || !data || reported.current === data) return;
    reported.current = data;
    if ("outcome" in data) onNotice(describeSyncOutcome(data.outcome, data));
    else onNotice({ message: data.error, tone: "critical" });
  }, [fetcher.state, fetcher.data, onNotice]);

  const sync = () => {
    setConfirming(false);
    void fetcher.submit(null, { method: "post", action: `/app/orders/${encodeURIComponent(tiktokOrderId)}` });
  };

  if (!state.enabled)
    return (
      <Tooltip content={state.because}>
        <Button disabled variant={variant} accessibilityLabel={`Sync: ${state.because}`}>
          Sync
        </Button>
      </Tooltip>
    );
  const forces = state.forces ?? [];
  return (
    <>
      <Button
        variant={variant}
        onClick={forces.length > 0 ? () => setConfirming(true) : sync}
        loading={fetcher.state !== "idle"}
      >
        Sync
      </Button>
      {forces.length > 0 && (
        <ForceSyncModal
          open={confirming}
          forced={forces.map((reason) => ({ reason, count: 1 }))}
          onConfirm={sync}
          onClose={() => setConfirming(false)}
        />
      )}
    </>
  );
}
