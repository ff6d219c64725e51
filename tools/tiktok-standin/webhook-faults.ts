import type { z } from "zod";
import type { webhookFaultsSchema } from "./control-schemas";
import { seededRandom } from "../seeded-random";

export type WebhookFaultConfig = z.infer<typeof webhookFaultsSchema>;

/** What happens to one notification: never posted, posted late, and/or posted twice. */
export type DeliveryPlan = { skip: boolean; delayMs: number; duplicate: boolean };

const ON_TIME: DeliveryPlan = { skip: false, delayMs: 0, duplicate: false };

/**
 * How TikTok's delivery misbehaves, set through POST /_control/webhook-faults: it sends some notifications
 * twice, some late (so a later event of the same order can arrive first) and loses some, which the app's
 * poller must make up for. With a `seed` the same sequence of events gets the same plans.
 */
export class WebhookFaults {
  private config: WebhookFaultConfig | undefined;
  private random: () => number = Math.random;

  set(config: WebhookFaultConfig): void {
    this.config = { ...config };
    this.random = config.seed === undefined ? Math.random : seededRandom(config.seed);
  }

  clear(): void {
    this.config = undefined;
  }

  describe(): WebhookFaultConfig | null {
    return this.config ? { ...this.config } : null;
  }

  /** Decides for the next notification; the dice are thrown in the same order every time. */
  next(): DeliveryPlan {
    const config = this.config;
    if (!config) return ON_TIME;
    const skip = this.random() < (config.skipRate ?? 0);
    const late = this.random() < (config.delayRate ?? 0);
    const duplicate = this.random() < (config.duplicateRate ?? 0);
    if (skip) return { skip, delayMs: 0, duplicate: false };
    return { skip, delayMs: late ? (config.delayMs ?? 1000) : 0, duplicate };
  }
}
