import { loadCarriers } from "./carriers.server";
import { data } from "@remix-run/node";
import { z } from "zod";
import { loadPrivacyRequests } from "./privacy-requests.server";
import { adminClientForShop } from "~/admin-api/admin-for-shop.server";
import { getShopCurrency } from "~/admin-api/operations/shop";
import { listExchangeRates, listOrderCurrencies, saveExchangeRate } from "~/models/exchange-rate.server";
import { requeueBlocked, requeueFailed } from "~/models/order-queue.server";
import { ensureShop, getShopSettings, saveShopCurrency, saveShopSettings } from "~/models/shop.server";
import { setTikTokShopAutoSync } from "~/models/tiktok-connection.server";
import type { ShopSettings } from "~/models/settings";
import type { authenticate } from "~/shopify.server";
import type { BlockReasonCode } from "~/sync/reasons";
import { getTikTokConnectionSummary } from "~/tiktok/connection-summary.server";
import { connectChosenShops, disconnectTikTok, issueConnectTicket } from "~/tiktok/oauth.server";

/** What the Settings page shows: the saved settings, the TikTok shops and the exchange rates. */
export async function loadSettingsPage(shopDomain: string, url: URL) {
  return {
    settings: await getShopSettings(shopDomain),
    tiktok: await getTikTokConnectionSummary(shopDomain),
    currencies: await loadCurrencies(shopDomain),
    carriers: await loadCarriers(shopDomain),
    privacyRequests: await loadPrivacyRequests(shopDomain),
    // Set by the TikTok callback when it sends the merchant back here.
    tiktokJustConnected: url.searchParams.get("tiktok") === "connected",
  };
}

export type CurrenciesView = {
  /** Null when Shopify could not be asked. */
  shopCurrency: string | null;
  /** Each currency the store's TikTok orders came in other than the store's, and those with a rate. */
  rates: { currency: string; rate: string | null; setAt: string | null }[];
};

/** The store's currency (asked of Shopify once, then remembered) and the rates from the others. */
async function loadCurrencies(shopDomain: string): Promise<CurrenciesView> {
  const shop = await ensureShop(shopDomain);
  let shopCurrency = shop.currencyCode;
  if (!shopCurrency) {
    shopCurrency = await askShopCurrency(shopDomain);
    if (shopCurrency) await saveShopCurrency(shop.id, shopCurrency);
  }
  const saved = await listExchangeRates(shop.id);
  const seen = await listOrderCurrencies(shop.id);
  const currencies = [...new Set([...seen, ...saved.map((rate) => rate.currency)])].filter(
    (currency) => currency !== shopCurrency,
  );
  return {
    shopCurrency,
    rates: currencies.map((currency) => {
      const rate = saved.find((row) => row.currency === currency);
      return { currency, rate: rate?.rate ?? null, setAt: rate?.setAt.toISOString() ?? null };
    }),
  };
}

/**
 * The store's currency from Shopify, or null when Shopify doesn't answer within a few seconds: the page
 * opens without the rates (and asks again next time) rather than waiting out the client's retries.
 */
async function askShopCurrency(shopDomain: string): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 3_000)));
  const asked = adminClientForShop(shopDomain)
    .then(getShopCurrency)
    .catch(() => null);
  try {
    return await Promise.race([asked, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// A rate is a positive decimal with at most six decimals: the precision the money arithmetic keeps.
const rateSchema = z.object({
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Enter a three-letter currency code, such as GBP."),
  rate: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,6})?$/, "Enter the rate as a number with at most six decimals, such as 1.27.")
    .refine((rate) => Number(rate) > 0, "The rate must be more than zero."),
});

/**
 * Sets the rate from a currency to the store's. The orders that failed for want of it are synced again at
 * once, as if the merchant had clicked Sync on each.
 */
export async function saveCurrencyRate(shopDomain: string, body: unknown) {
  const parsed = rateSchema.safeParse(body);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return data({ ok: false as const, error: "The rate was not saved.", errors }, { status: 400 });
  }
  const shop = await ensureShop(shopDomain);
  const { currency, rate } = parsed.data;
  if (currency === shop.currencyCode) {
    const errors: Record<string, string> = {
      currency: `${currency} is your store's own currency: it needs no rate.`,
    };
    return data({ ok: false as const, error: "The rate was not saved.", errors }, { status: 400 });
  }
  await saveExchangeRate(shop.id, currency, rate);
  const requeued = await requeueFailed(shop.id, ["EXCHANGE_RATE_MISSING"], { currency });
  const waiting =
    requeued === 0 ? "" : ` ${requeued === 1 ? "1 order is" : `${requeued} orders are`} syncing now.`;
  return { ok: true as const, message: `Rate for ${currency} saved.${waiting}` };
}

const choiceSchema = z.object({ tiktokShopIds: z.array(z.string().min(1).max(64)).max(50) });

/** Connects the TikTok shops the merchant picked from the grant waiting in Settings. */
export async function chooseTikTokShops(shopDomain: string, body: unknown) {
  const parsed = choiceSchema.safeParse(body);
  if (!parsed.success)
    return data({ ok: false as const, error: "Pick the TikTok shops to connect." }, { status: 400 });
  const chosen = await connectChosenShops(shopDomain, parsed.data.tiktokShopIds);
  if (!chosen.ok) return data({ ok: false as const, error: chosen.message }, { status: chosen.status });
  return { ok: true as const, message: chosen.message };
}

const shopAutoSyncSchema = z.object({
  tiktokShopId: z.string().min(1).max(64),
  autoSync: z.enum(["store", "on", "off"]),
});

/**
 * One TikTok shop's auto-sync: on, off, or as the store's setting says. Turning it on syncs the shop's orders
 * that waited on it.
 */
export async function saveTikTokShopAutoSync(shopDomain: string, body: unknown) {
  const parsed = shopAutoSyncSchema.safeParse(body);
  if (!parsed.success) {
    return data({ ok: false as const, error: "Choose On, Off or the store's setting." }, { status: 400 });
  }
  const { tiktokShopId, autoSync } = parsed.data;
  const value = autoSync === "store" ? null : autoSync === "on";
  if (!(await setTikTokShopAutoSync({ shopDomain, tiktokShopId }, value))) {
    return data(
      { ok: false as const, error: "That TikTok shop isn't connected to your store." },
      { status: 404 },
    );
  }
  const shop = await ensureShop(shopDomain);
  const effective = value ?? shop.autoSync;
  const requeued = effective ? await requeueBlocked(shop.id, ["AUTO_SYNC_DISABLED"], { tiktokShopId }) : 0;
  const waiting =
    requeued === 0
      ? ""
      : `. ${requeued === 1 ? "1 waiting order is" : `${requeued} waiting orders are`} syncing now`;
  return {
    ok: true as const,
    message: `Auto-sync ${effective ? "on" : "off"} for this TikTok shop${waiting}`,
  };
}

export type SettingsResult =
  { ok: true; settings: ShopSettings; requeued: number } | { ok: false; errors: Record<string, string> };

/** Saves the settings; the orders a change unblocked are synced again without a click. */
export async function updateSettings(shopDomain: string, input: unknown): Promise<SettingsResult> {
  const saved = await saveShopSettings(shopDomain, input);
  if (!saved.ok) return saved;
  const lifted = liftedReasons(saved.before, saved.settings);
  const requeued = lifted.length ? await requeueBlocked(saved.shopId, lifted) : 0;
  return { ok: true, settings: saved.settings, requeued };
}

/**
 * The Settings page's Save: the whole form as a JSON object, booleans as booleans (the route passes null
 * for a body that isn't JSON, such as a form post). Anything else stores nothing and is a 400 that says
 * why, naming each field that is wrong.
 */
export async function saveSettings(shopDomain: string, body: unknown) {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return refused("Nothing was saved: the settings were not sent as a JSON object.", {});
  const result = await updateSettings(shopDomain, body);
  if (!result.ok) return refused("Nothing was saved: a setting is not valid.", result.errors);
  const { settings, requeued } = result;
  return { ok: true as const, settings, requeued, message: savedMessage(requeued) };
}

const refused = (error: string, errors: Record<string, string>) =>
  data({ ok: false as const, error, errors }, { status: 400 });

function savedMessage(requeued: number): string {
  if (requeued === 0) return "Settings saved";
  const orders = requeued === 1 ? "1 waiting order is" : `${requeued} waiting orders are`;
  return `Settings saved. ${orders} syncing now`;
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

type AdminRedirect = Awaited<ReturnType<typeof authenticate.admin>>["redirect"];

/**
 * Connect, or connect again: leave Shopify admin for the app's own /tiktok/start page, on the way to TikTok's
 * authorization page. From a fetcher the
 * redirect is thrown as a 401 naming the URL, which App Bridge follows; its route passes those headers on.
 */
export async function startTikTokConnection(shopDomain: string, redirect: AdminRedirect) {
  const start = await issueConnectTicket(shopDomain);
  if (!start.ok) return { ok: false as const, error: start.message };
  return redirect(start.url, { target: "_top" });
}

const disconnectSchema = z.object({ tiktokShopId: z.string().min(1).max(64) });

/** Disconnect one TikTok shop: its tokens are forgotten; orders already received and synced stay as they are. */
export async function disconnectTikTokShop(shopDomain: string, body: unknown) {
  const parsed = disconnectSchema.safeParse(body);
  if (!parsed.success)
    return data({ ok: false as const, error: "Name the TikTok shop to disconnect." }, { status: 400 });
  if (!(await disconnectTikTok(shopDomain, parsed.data.tiktokShopId))) {
    return data(
      { ok: false as const, error: "That TikTok shop isn't connected to your store." },
      { status: 404 },
    );
  }
  return { ok: true as const };
}
