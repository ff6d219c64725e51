import prisma from "~/db.server";
import { requeueBlocked } from "~/models/order-queue.server";
import type { BlockReasonCode } from "~/sync/reasons";
import { shopSettingsSchema, type ShopSettings } from "./settings";

const settingsFields = {
  autoSync: true,
  sampleOrderRule: true,
  sampleOrderTag: true,
  combineWindowMinutes: true,
  onHoldRule: true,
  orderTags: true,
  orderNameFormat: true,
  inventoryBehaviour: true,
  notifyCustomer: true,
} as const;

/** The store's row, created on first sight (install) and revived when it installs again. */
export async function ensureShop(domain: string) {
  return prisma.shop.upsert({
    where: { domain },
    create: { domain },
    update: { uninstalledAt: null },
  });
}

export async function getShopSettings(domain: string): Promise<ShopSettings> {
  const shop = await prisma.shop.findUnique({ where: { domain }, select: settingsFields });
  if (shop) return shop;
  const created = await prisma.shop.create({ data: { domain }, select: settingsFields });
  return created;
}

export type SettingsResult =
  { ok: true; settings: ShopSettings; requeued: number } | { ok: false; errors: Record<string, string> };

/** The block reasons a settings change may have lifted: their orders are synced again without a click. */
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

/** Validates and saves; invalid input changes nothing and names each field that is wrong. */
export async function updateShopSettings(domain: string, input: unknown): Promise<SettingsResult> {
  const parsed = shopSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, errors };
  }
  const before = await getShopSettings(domain);
  const shop = await prisma.shop.update({
    where: { domain },
    data: parsed.data,
    select: { id: true, ...settingsFields },
  });
  const { id, ...settings } = shop;
  const lifted = liftedReasons(before, settings);
  const requeued = lifted.length ? await requeueBlocked(id, lifted) : 0;
  return { ok: true, settings, requeued };
}

/** Marks the store uninstalled; its data stays until Shopify's shop/redact asks for erasure. */
export async function markShopUninstalled(domain: string): Promise<void> {
  await prisma.shop.updateMany({ where: { domain }, data: { uninstalledAt: new Date() } });
}
