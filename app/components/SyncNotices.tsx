import { useFetcher } from "@remix-run/react";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { syncButtonAction } from "~/pages/manual-sync.server";
import { describeSyncOutcome, type Notice } from "./sync-outcome";

type Watch = (fetcherKey: string) => void;
const WatchContext = createContext<Watch | null>(null);

/**
 * Says what each Sync did, from the page rather than from its button. A synced order's row loses its Sync
 * button when the list reloads, and Remix renders navigations as transitions, so a button may be gone before
 * it ever renders its answer. Here a reporter per Sync in flight shares the button's fetcher (by key) and
 * stays until it has reported, which keeps the fetcher's answer too.
 */
export function SyncNotices({
  onNotice,
  children,
}: {
  onNotice: (notice: Notice) => void;
  children: ReactNode;
}) {
  const [keys, setKeys] = useState<string[]>([]);
  const watch = useCallback<Watch>((key) => setKeys((all) => (all.includes(key) ? all : [...all, key])), []);
  const done = useCallback((key: string) => setKeys((all) => all.filter((one) => one !== key)), []);
  return (
    <WatchContext.Provider value={watch}>
      {children}
      {keys.map((key) => (
        <SyncReporter key={key} fetcherKey={key} onNotice={onNotice} onDone={done} />
      ))}
    </WatchContext.Provider>
  );
}

/** The fetcher of one order's Sync, and `sync()`, whose answer the page's SyncNotices reports. */
export function useSyncFetcher(tiktokOrderId: string) {
  const watch = useContext(WatchContext);
  if (!watch) throw new Error("useSyncFetcher needs a SyncNotices around it");
  const fetcherKey = `sync:${tiktokOrderId}`;
  const fetcher = useFetcher<typeof syncButtonAction>({ key: fetcherKey });
  const sync = () => {
    watch(fetcherKey);
    void fetcher.submit(null, { method: "post", action: `/app/orders/${encodeURIComponent(tiktokOrderId)}` });
  };
  return { busy: fetcher.state !== "idle", sync };
}

type ReporterProps = {
  fetcherKey: string;
  onNotice: (notice: Notice) => void;
  onDone: (key: string) => void;
};

function SyncReporter({ fetcherKey, onNotice, onDone }: ReporterProps) {
  const fetcher = useFetcher<typeof syncButtonAction>({ key: fetcherKey });
  // An answer from an earlier Sync of the same order is not this one's.
  const earlier = useRef(fetcher.data);
  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state === "submitting" || !data || data === earlier.current) return;
    onNotice(
      "outcome" in data ? describeSyncOutcome(data.outcome, data) : { message: data.error, tone: "critical" },
    );
    onDone(fetcherKey);
  }, [fetcher.state, fetcher.data, fetcherKey, onNotice, onDone]);
  return null;
}
