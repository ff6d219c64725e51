import { GroupCommit } from "~/lib/group-commit.server";
import { recordWebhookReceipts, type NewWebhookReceipt } from "~/models/webhook-receipt.server";

type Waiting = {
  receipt: Omit<NewWebhookReceipt, "source">;
  resolve(fresh: boolean): void;
  reject(error: unknown): void;
};

/**
 * Records TikTok webhook receipts by group commit: one INSERT … ON CONFLICT DO NOTHING is in flight at a
 * time, and the deliveries that arrive meanwhile wait for the next one, so the groups grow with the load
 * (one row when it is quiet, hundreds in a burst) and each learns whether it was new. The receipt is stored
 * before the delivery is answered, as with one insert per delivery.
 */
export class ReceiptWriter {
  private readonly groups: GroupCommit<Waiting>;

  /**
   * `gatherMs`: how long a group waits for company before its insert. Each insert is a commit (a write to
   * the write-ahead log); a few milliseconds more per delivery turn a burst's thousand commits into dozens.
   */
  constructor(gatherMs = 5, maxBatch = 1000) {
    this.groups = new GroupCommit(write, {
      gather: () => new Promise((resolve) => setTimeout(resolve, gatherMs)),
      take: (waiting) => waiting.slice(0, maxBatch),
    });
  }

  /** Resolves true for a new notification, false for one already recorded (or repeated in this group). */
  record(receipt: Omit<NewWebhookReceipt, "source">): Promise<boolean> {
    return new Promise((resolve, reject) => this.groups.add({ receipt, resolve, reject }));
  }
}

async function write(batch: Waiting[]): Promise<void> {
  try {
    const fresh = await recordWebhookReceipts(
      "TIKTOK",
      batch.map((item) => item.receipt),
    );
    // The same notification twice in one group: the insert kept one row; only the first is new.
    for (const item of batch) item.resolve(fresh.delete(item.receipt.notificationId));
  } catch (error) {
    for (const item of batch) item.reject(error);
  }
}
