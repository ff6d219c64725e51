/**
 * A worker over rows shared by lease: it claims up to `concurrency` due items, works on each, and claims
 * again as each one ends, when `signal` says one became due, or every `pollMs`. Any number of processes can
 * run one over the same rows: the claim (a lease in the database) decides who works on what. `stop()` waits
 * for the claim in progress and the work in flight.
 */
export function startLeasedLoop<T>(options: {
  /** Named in the warnings: "Shipment worker", "Flow notifier". */
  name: string;
  concurrency: number;
  pollMs: number;
  claim: (free: number) => Promise<T[]>;
  work: (item: T) => Promise<unknown>;
  /** How an item is named in a warning about its work. */
  label: (item: T) => string;
  signal: { subscribe(listener: () => void): () => void };
}): { wake(): void; stop(): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let scanning: Promise<void> | undefined;
  let again = false;

  const wake = () => {
    if (stopped) return;
    if (scanning) {
      again = true;
      return;
    }
    clearTimeout(timer);
    scanning = scan()
      .catch((error: unknown) => console.warn(`${options.name}: ${(error as Error).message}`))
      .finally(() => {
        scanning = undefined;
        if (again) {
          again = false;
          wake();
        } else if (!stopped) timer = setTimeout(wake, options.pollMs);
      });
  };

  async function scan() {
    const free = options.concurrency - inFlight.size;
    if (free <= 0) return;
    for (const item of await options.claim(free)) {
      const task = options
        .work(item)
        .catch((error: unknown) => console.warn(`${options.label(item)}: ${(error as Error).message}`))
        .finally(() => {
          inFlight.delete(task);
          wake();
        });
      inFlight.add(task);
    }
  }

  const unsubscribe = options.signal.subscribe(wake);
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      await scanning;
      await Promise.allSettled(inFlight);
    },
  };
}
