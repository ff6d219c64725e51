import { signWebhook } from "../../app/tiktok/signature";
import type { StandinState } from "./state";

export const WEBHOOK_TYPES = {
  ORDER_STATUS_CHANGE: 1,
  RECIPIENT_ADDRESS_UPDATE: 3,
  SELLER_DEAUTHORIZATION: 6,
  UPCOMING_AUTHORIZATION_EXPIRATION: 7,
  CANCELLATION_STATUS_CHANGE: 11,
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
  status?: number;
  error?: string;
};

/** Posts signed webhooks to the configured URL and remembers every attempt. */
export class WebhookSender {
  readonly sent: SentWebhook[] = [];

  constructor(private readonly state: StandinState) {}

  /** Sends one notification and waits for the answer; returns undefined when webhooks are off. */
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
    const record: SentWebhook = { notificationId, type, shopId, url: webhookUrl, body, signature };
    this.sent.push(record);
    try {
      const response = await fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: signature },
        body,
        signal: AbortSignal.timeout(5_000),
      });
      record.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    return record;
  }
}
