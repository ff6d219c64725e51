import { Button, Tooltip } from "@shopify/polaris";
import { useState } from "react";
import type { SyncButtonState } from "~/sync/sync-button";
import { ForceSyncModal } from "./ForceSyncModal";
import { useSyncFetcher } from "./SyncNotices";

type Props = {
  tiktokOrderId: string;
  state: SyncButtonState;
  variant?: "primary" | "secondary";
};

/**
 * Sync for one order: runs syncOrder in the request; the page's SyncNotices says what it did. Disabled by the reason's
 * manual-sync rule, with the rule's explanation on hover. When Sync would force the order past a check
 * (cancelled, on hold), the merchant is told what happens and confirms first.
 */
export function SyncButton({ tiktokOrderId, state, variant = "secondary" }: Props) {
  const fetcher = useSyncFetcher(tiktokOrderId);
  const [confirming, setConfirming] = useState(false);
  const sync = () => {
    setConfirming(false);
    fetcher.sync();
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
        loading={fetcher.busy}
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
