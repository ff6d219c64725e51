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
  private waiting: Waiting[] = [];
  private writing = false;

  /**
   * `gatherMs`: how long a group waits for company before its insert. Each insert is a commit (a write to
   * the write-ahead log); a few milliseconds more per delivery turn a burst's thousand commits into dozens.
   */
  constructor(
    private readonly gatherMs = 5,
    private readonly maxBatch = 1000,
  ) {}

  /** Resolves true for a new notification, false for one already recorded (or repeated in this group). */
  record(receipt: Omit<NewWebhookReceipt, "source">): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ receipt, resolve, reject });
      if (!this.writing) void this.write();
    });
  }

  private async write() {
    this.writing = true;
    await new Promise((resolve) => setTimeout(resolve, this.gatherMs));
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
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
    this.writing = false;
  }
}
