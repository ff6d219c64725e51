import prisma from "~/db.server";
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
  restockReturns: true,
  offerTikTokCancel: true,
} as const;

/** The store's row, created on first sight (install) and revived when it installs again. */
export async function ensureShop(domain: string) {
  return prisma.shop.upsert({
    where: { domain },
    create: { domain },
    update: { uninstalledAt: null },
  });
}

/** The store's row with its TikTok shops' connections, first connected first; null for a store never seen. */
export function findShopWithConnections(domain: string) {
  return prisma.shop.findUnique({
    where: { domain },
    include: { connections: { orderBy: [{ connectedAt: "asc" }, { tiktokShopId: "asc" }] } },
  });
}

/** Remembers the store's currency as Shopify said it. */
export async function saveShopCurrency(shopId: string, currencyCode: string): Promise<void> {
  await prisma.shop.update({ where: { id: shopId }, data: { currencyCode } });
}

/** The store's id, or null for a store never seen. */
export async function findShopId(domain: string): Promise<string | null> {
  const shop = await prisma.shop.findUnique({ where: { domain }, select: { id: true } });
  return shop?.id ?? null;
}

export async function getShopSettings(domain: string): Promise<ShopSettings> {
  const shop = await prisma.shop.findUnique({ where: { domain }, select: settingsFields });
  if (shop) return shop;
  const created = await prisma.shop.create({ data: { domain }, select: settingsFields });
  return created;
}

export type SavedSettings =
  | { ok: true; shopId: string; before: ShopSettings; settings: ShopSettings }
  | { ok: false; errors: Record<string, string> };

/** Validates and saves; invalid input changes nothing and names each field that is wrong. */
export async function saveShopSettings(domain: string, input: unknown): Promise<SavedSettings> {
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
  return { ok: true, shopId: id, before, settings };
}

/** Marks the store uninstalled; its data stays until Shopify's shop/redact asks for erasure. */
export async function markShopUninstalled(domain: string): Promise<void> {
  await prisma.shop.updateMany({ where: { domain }, data: { uninstalledAt: new Date() } });
}
