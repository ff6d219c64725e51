import { useFetcher, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, ProgressBar, Text } from "@shopify/polaris";
import { useCallback, useEffect, useRef, useState } from "react";
import type {
  BulkConfirm,
  BulkProgress,
  BulkQueued,
  bulkSyncAction,
  bulkSyncProgressLoader,
} from "~/pages/manual-sync.server";
import { ForceSyncModal } from "./ForceSyncModal";
import { describeBulkRun } from "./sync-outcome";

const POLL_MS = 1500;

/**
 * "Sync selected": asks first when Sync would force some of the orders (cancelled, on hold), queues them,
 * then asks where they stand (and reloads the table) every moment until the worker has run each of them,
 * and sums up why those not synced are still blocked.
 */
export function useBulkSync() {
  const queue = useFetcher<typeof bulkSyncAction>();
  const [run, setRun] = useState<(BulkQueued & { number: number }) | null>(null);
  const [asking, setAsking] = useState<{ ids: string[]; confirm: BulkConfirm } | null>(null);
  // A fetcher of its own per run, so one run's progress never reads as the next one's.
  const progress = useFetcher<typeof bulkSyncProgressLoader>({ key: `bulk-sync-${run?.number ?? 0}` });
  const { revalidate } = useRevalidator();
  const runs = useRef(0);
  const seen = useRef<unknown>(null);
  const asked = useRef<string[]>([]);

  const submit = queue.submit;
  const send = useCallback(
    (ids: string[], confirmed: boolean) => {
      asked.current = ids;
      void submit(
        { ids, confirmed },
        { method: "post", action: "/app/orders/sync", encType: "application/json" },
      );
    },
    [submit],
  );
  const start = useCallback((ids: string[]) => send(ids, false), [send]);

  useEffect(() => {
    const data = queue.data;
    if (queue.state !== "idle" || !data || seen.current === data) return;
    seen.current = data;
    if ("confirm" in data) setAsking({ ids: asked.current, confirm: data.confirm });
    if (!("queued" in data)) return;
    runs.current += 1;
    setRun({ ...data, number: runs.current });
  }, [queue.state, queue.data]);

  const done = progress.data?.done === true;
  const load = progress.load;
  useEffect(() => {
    if (!run || run.queued.length === 0 || done || progress.state !== "idle") return;
    const timer = setTimeout(
      () => {
        load(`/app/orders/sync?ids=${run.queued.join(",")}`);
        revalidate();
      },
      progress.data ? POLL_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [run, done, progress.state, progress.data, load, revalidate]);

  useEffect(() => {
    if (done) revalidate();
  }, [done, revalidate]);

  const error = queue.data && "error" in queue.data ? queue.data.error : null;
  const banner = (
    <>
      <BulkSyncBanner
        run={run}
        progress={progress.data ?? null}
        error={error}
        onDismiss={() => setRun(null)}
      />
      {asking && (
        <ForceSyncModal
          open
          forced={asking.confirm.forced}
          selected={asking.confirm.selected}
          onConfirm={() => {
            send(asking.ids, true);
            setAsking(null);
          }}
          onClose={() => setAsking(null)}
        />
      )}
    </>
  );
  return { start, banner, busy: queue.state !== "idle" || (run !== null && !done) };
}

type BannerProps = {
  run: (BulkQueued & { number: number }) | null;
  progress: BulkProgress | null;
  error: string | null;
  onDismiss: () => void;
};

function BulkSyncBanner({ run, progress, error, onDismiss }: BannerProps) {
  if (error) return <Banner tone="critical">{error}</Banner>;
  if (!run) return null;
  const total = run.queued.length;
  if (total > 0 && !progress?.done) {
    const finished = progress ? total - progress.running : 0;
    return (
      <Banner tone="info" title={`Syncing ${total} ${total === 1 ? "order" : "orders"}…`}>
        <BlockStack gap="200">
          <ProgressBar progress={Math.round((finished / total) * 100)} size="small" />
          <Text as="p">
            {finished} of {total} done
          </Text>
        </BlockStack>
      </Banner>
    );
  }
  const summary = progress ? describeBulkRun(progress, run) : "";
  const tone = progress && (progress.blocked > 0 || progress.failed > 0) ? "warning" : "success";
  return (
    <Banner tone={tone} title="Sync finished" onDismiss={onDismiss}>
      <Text as="p">{summary || "Nothing to sync."}</Text>
    </Banner>
  );
}
