import { requeueBlocked } from "~/models/order-queue.server";
import { saveShopSettings } from "~/models/shop.server";
import type { ShopSettings } from "~/models/settings";
import type { BlockReasonCode } from "~/sync/reasons";

export type SettingsResult =
  { ok: true; settings: ShopSettings; requeued: number } | { ok: false; errors: Record<string, string> };

/** Saves the Settings form; the orders a change unblocked are synced again without a click. */
export async function updateSettings(shopDomain: string, input: unknown): Promise<SettingsResult> {
  const saved = await saveShopSettings(shopDomain, input);
  if (!saved.ok) return saved;
  const lifted = liftedReasons(saved.before, saved.settings);
  const requeued = lifted.length ? await requeueBlocked(saved.shopId, lifted) : 0;
  return { ok: true, settings: saved.settings, requeued };
}

/** The block reasons a settings change may have lifted. */
function liftedReasons(before: ShopSettings, after: ShopSettings): BlockReasonCode[] {
  const reasons: BlockReasonCode[] = [];
  if (!before.autoSync && after.autoSync) reasons.push("AUTO_SYNC_DISABLED");
  if (before.sampleOrderRule !== after.sampleOrderRule) {
    reasons.push("SAMPLE_SYNC_DISABLED", "SAMPLE_PENDING_COMBINATION");
  } else if (before.combineWindowMinutes !== after.combineWindowMinutes) {
    reasons.push("SAMPLE_PENDING_COMBINATION");
  }
  if (before.onHoldRule === "WAIT" && after.onHoldRule === "SYNC") reasons.push("ORDER_ON_HOLD");
  return reasons;
}

/**
 * The Settings form's fields as the input `shopSettingsSchema` checks (checkboxes send "on" or nothing).
 * A file sent where text belongs is no value, and the schema refuses it.
 */
export function settingsFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = form.get(name) ?? "";
    return typeof value === "string" ? value : undefined;
  };
  return {
    autoSync: form.get("autoSync") === "on",
    sampleOrderRule: text("sampleOrderRule"),
    sampleOrderTag: text("sampleOrderTag"),
    combineWindowMinutes: Number(text("combineWindowMinutes") ?? Number.NaN),
    onHoldRule: text("onHoldRule"),
    orderTags: text("orderTags")
      ?.split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
    orderNameFormat: text("orderNameFormat"),
    inventoryBehaviour: text("inventoryBehaviour"),
    notifyCustomer: form.get("notifyCustomer") === "on",
  };
}
