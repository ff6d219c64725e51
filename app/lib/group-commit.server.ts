const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type GroupCommitOptions<T> = {
  /** How long the first item of a quiet spell waits for company: by default, the rest of this turn. */
  gather?: () => Promise<void>;
  /** Which waiting items go in the next group (by default all); the others wait for the one after. */
  take?: (waiting: readonly T[]) => T[];
  /** Called when nothing is waiting any more. */
  onIdle?: () => void;
};

/**
 * Group commit: one group is written at a time, and the items that arrive meanwhile go together in the
 * next, so under load the groups grow by themselves and a lone item waits only for `gather`. `commit`
 * settles its group's items itself (resolves or rejects whoever waits on them): it must not throw.
 * The webhook receipts (ADR 010), a create's writes (ADR 014) and a store's variant lookups (ADR 015).
 */
export class GroupCommit<T> {
  private waiting: T[] = [];
  private running = false;

  constructor(
    private readonly commit: (group: T[]) => Promise<void>,
    private readonly options: GroupCommitOptions<T> = {},
  ) {}

  add(item: T): void {
    this.waiting.push(item);
    if (!this.running) void this.drain();
  }

  private async drain() {
    this.running = true;
    try {
      await (this.options.gather ?? nextTurn)();
      while (this.waiting.length > 0) {
        const group = this.options.take ? this.options.take(this.waiting) : [...this.waiting];
        const taken = new Set(group);
        this.waiting = this.waiting.filter((item) => !taken.has(item));
        await this.commit(group);
      }
    } finally {
      this.running = false;
      this.options.onIdle?.();
    }
  }
}
