import { signWebhook } from "../../app/tiktok/signature";
import type { StandinState } from "./state";
import { WebhookFaults } from "./webhook-faults";

export const WEBHOOK_TYPES = {
  ORDER_STATUS_CHANGE: 1,
  RECIPIENT_ADDRESS_UPDATE: 3,
  PACKAGE_UPDATE: 4,
  SELLER_DEAUTHORIZATION: 6,
  UPCOMING_AUTHORIZATION_EXPIRATION: 7,
  CANCELLATION_STATUS_CHANGE: 11,
  RETURN_STATUS_CHANGE: 12,
} as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[keyof typeof WEBHOOK_TYPES];

/** A delivery attempt, as listed by GET /_control/webhooks. */
export type SentWebhook = {
  notificationId: string;
  type: WebhookType;
  shopId: string;
  url: string;
  /** The exact bytes posted, and the `Authorization` header sent with them. */
  body: string;
  signature: string;
  /** When it was posted (Unix milliseconds); unset while a late delivery waits, and for a skipped one. */
  postedAt?: number;
  status?: number;
  error?: string;
  /** Webhook faults: never posted, so only polling finds the change. */
  skipped?: true;
  /** Webhook faults: posted this many milliseconds after the event. */
  delayedMs?: number;
  /** Webhook faults: the same notification posted a second time, right after the first. */
  duplicate?: true;
};

/** Posts signed webhooks to the configured URL and remembers every attempt. */
export class WebhookSender {
  readonly sent: SentWebhook[] = [];
  readonly faults = new WebhookFaults();
  private readonly late = new Set<NodeJS.Timeout>();

  constructor(private readonly state: StandinState) {}

  /**
   * Sends one notification and waits for the answer; returns undefined when webhooks are off. A
   * notification the faults skip or delay is returned at once, without a status.
   */
  async emit(
    type: WebhookType,
    shopId: string,
    data: Record<string, unknown>,
  ): Promise<SentWebhook | undefined> {
    const { webhookUrl, webhooksEnabled, appKey, appSecret } = this.state.config;
    if (!webhooksEnabled || !webhookUrl) return undefined;
    const notificationId = this.state.nextId("7327", 19);
    const body = JSON.stringify({
      type,
      tts_notification_id: notificationId,
      shop_id: shopId,
      timestamp: this.state.now(),
      data,
    });
    const signature = signWebhook({ appKey, appSecret, rawBody: body });
    const plan = this.faults.next();
    const delivery: SentWebhook = { notificationId, type, shopId, url: webhookUrl, body, signature };
    if (plan.delayMs > 0) delivery.delayedMs = plan.delayMs;
    const record = { ...delivery };
    this.sent.push(record);
    if (plan.skip) {
      record.skipped = true;
      return record;
    }
    const again: SentWebhook | undefined = plan.duplicate ? { ...delivery, duplicate: true } : undefined;
    if (again) this.sent.push(again);
    const deliver = async () => {
      await this.post(record);
      if (again) await this.post(again);
    };
    if (plan.delayMs === 0) await deliver();
    else {
      const timer = setTimeout(() => {
        this.late.delete(timer);
        void deliver();
      }, plan.delayMs);
      this.late.add(timer);
    }
    return record;
  }

  /** Forgets what was sent, the faults, and the late deliveries still waiting. */
  reset(): void {
    this.sent.splice(0);
    this.faults.clear();
    this.dropLateDeliveries();
  }

  /** Late deliveries still waiting are never posted; for reset and shutdown. */
  dropLateDeliveries(): void {
    for (const timer of this.late) clearTimeout(timer);
    this.late.clear();
  }

  private async post(record: SentWebhook): Promise<void> {
    record.postedAt = Date.now();
    try {
      const response = await fetch(record.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: record.signature },
        body: record.body,
        signal: AbortSignal.timeout(5_000),
      });
      record.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
  }
}
