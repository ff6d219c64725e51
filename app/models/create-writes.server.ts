import { GroupCommit } from "~/lib/group-commit.server";

/**
 * The two writes around every Shopify create, by group commit: the "creating" attempt written before
 * `orderCreate` is sent, and the Synced outcome written after its answer. One statement is in flight at a
 * time, and the writes that arrive meanwhile go together in the next, so under load each order's two writes
 * share their statement, commit and counts-trigger run with the other syncs in flight, and a lone sync waits
 * for no one (docs/decisions/014-create-writes-by-group-commit.md). Each write still resolves only once its
 * statement has committed: the recovery rule of ADR 006 holds for every order in a group.
 */

export type CreateStart = {
  kind: "start";
  attemptId: string;
  orderId: string;
  trigger: string;
  /** The stage checks, as JSON text. */
  stages: string;
};

export type CreateFinish = {
  kind: "finish";
  attemptId: string;
  /** The order the sync holds. */
  orderId: string;
  /** The orders the Shopify order stands for: the held one, or a combined sample group. */
  orderIds: readonly string[];
  shopifyOrderId: string;
  shopifyOrderName: string | null;
  addressHash: string | null;
  /** Ends this holder's lease on the held order in the same statement; null keeps it. */
  releaseHolder: string | null;
  /** The TikTok update time the sync worked from: a newer stored one leaves the order due again. */
  syncedFrom: Date;
};

export type CreateWrite = CreateStart | CreateFinish;

/** Writes a group of writes in one statement (atomically: all of them, or none and an error). */
export type WriteGroup = (writes: readonly CreateWrite[]) => Promise<void>;

type Waiting = { write: CreateWrite; resolve(): void; reject(error: unknown): void };

const ordersOf = (write: CreateWrite) => (write.kind === "start" ? [write.orderId] : write.orderIds);

// PostgreSQL refuses one of two statements that wait on each other's rows; nothing of it was written.
const isDeadlock = (error: unknown) => (error as { code?: unknown } | null)?.code === "40P01";

export class CreateWrites {
  private readonly groups: GroupCommit<Waiting>;

  constructor(
    private readonly writeGroup: WriteGroup,
    private readonly maxGroup = 200,
    private readonly deadlockRetries = 3,
  ) {
    this.groups = new GroupCommit((group) => this.commit(group), {
      take: (waiting) => this.takeGroup(waiting),
    });
  }

  /** Resolves once the write has committed. */
  write(write: CreateWrite): Promise<void> {
    return new Promise((resolve, reject) => this.groups.add({ write, resolve, reject }));
  }

  /** The oldest waiting writes, at most one per order (a later write of an order goes in the next group). */
  private takeGroup(waiting: readonly Waiting[]): Waiting[] {
    const group: Waiting[] = [];
    const orders = new Set<string>();
    for (const item of waiting) {
      const ids = ordersOf(item.write);
      if (group.length >= this.maxGroup || ids.some((id) => orders.has(id))) continue;
      group.push(item);
      for (const id of ids) orders.add(id);
    }
    return group;
  }

  private async commit(group: Waiting[], tries = 0): Promise<void> {
    try {
      await this.writeGroup(group.map((item) => item.write));
      for (const item of group) item.resolve();
    } catch (error) {
      if (isDeadlock(error) && tries < this.deadlockRetries) return this.commit(group, tries + 1);
      // One write the database refuses (an order erased meanwhile) must not fail the others with it.
      if (group.length > 1) {
        for (const item of group) await this.commit([item]);
        return;
      }
      for (const item of group) item.reject(error);
    }
  }
}
