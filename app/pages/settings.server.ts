import { data } from "@remix-run/node";
import { loadPrivacyRequests } from "./privacy-requests.server";
import { requeueBlocked } from "~/models/order-queue.server";
import { getShopSettings, saveShopSettings } from "~/models/shop.server";
import type { ShopSettings } from "~/models/settings";
import type { authenticate } from "~/shopify.server";
import type { BlockReasonCode } from "~/sync/reasons";
import { getTikTokConnectionSummary } from "~/tiktok/connection-summary.server";
import { disconnectTikTok, issueConnectTicket } from "~/tiktok/oauth.server";

/** What the Settings page shows: the saved settings and the TikTok connection. */
export async function loadSettingsPage(shopDomain: string, url: URL) {
  return {
    settings: await getShopSettings(shopDomain),
    tiktok: await getTikTokConnectionSummary(shopDomain),
    privacyRequests: await loadPrivacyRequests(shopDomain),
    // Set by the TikTok callback when it sends the merchant back here.
    tiktokJustConnected: url.searchParams.get("tiktok") === "connected",
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

/** Disconnect: the tokens are forgotten; orders already received and synced stay as they are. */
export async function disconnectTikTokShop(shopDomain: string) {
  await disconnectTikTok(shopDomain);
  return { ok: true as const };
}
