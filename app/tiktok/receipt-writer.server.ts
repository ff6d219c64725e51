import { recordWebhookReceipts, type NewWebhookReceipt } from "~/models/webhook-receipt.server";

type Waiting = {
  receipt: Omit<NewWebhookReceipt, "source">;
  resolve(fresh: boolean): void;
  reject(error: unknown): void;
};

/**
 * Records TikTok webhook receipts in small groups: every delivery that arrives in the same turn of the
 * event loop is written by one INSERT … ON CONFLICT DO NOTHING, and each learns whether it was new. The
 * receipt is stored before the delivery is answered, as with one insert per delivery.
 */
export class ReceiptWriter {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly maxBatch = 500) {}

  /** Resolves true for a new notification, false for one already recorded (or repeated in this group). */
  record(receipt: Omit<NewWebhookReceipt, "source">): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ receipt, resolve, reject });
      if (this.waiting.length >= this.maxBatch) void this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush() {
    this.scheduled = false;
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    try {
      const fresh = await recordWebhookReceipts(
        "TIKTOK",
        batch.map((item) => item.receipt),
      );
      // The same notification twice in one group: the insert kept one row; only the first is new.
      for (const item of batch) {
        const id = item.receipt.notificationId;
        item.resolve(fresh.delete(id));
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
