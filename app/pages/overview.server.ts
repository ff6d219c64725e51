import type { SyncStatus } from "@prisma/client";
import { adminClientForShop } from "~/admin-api/admin-for-shop.server";
import { isPlanActive } from "~/billing/plan-status.server";
import { countOrders, countOrdersPlaced } from "~/models/order-counts.server";
import { countPendingDataRequests } from "~/models/privacy.server";
import { listLinks } from "~/models/product-link.server";
import { findShopWithConnections } from "~/models/shop.server";
import { reasonsNeeding } from "./orders-query";
import { dayIn, isTimeZone, startOfDay } from "./time-zone";

export type SetupStepId = "connect" | "link" | "plan" | "autoSync";

/** A step of setting the app up: whether it's done (null: Shopify couldn't say), and where it's done. */
export type SetupStep = { id: SetupStepId; title: string; done: boolean | null; detail: string; url: string };

/** The store's orders that need a look, each count with the Orders list it opens. */
export type AttentionCount = { id: "failed" | "action" | "waiting"; count: number; url: string };

/** Today's orders in the merchant's time zone, by where their sync stands. */
export type TodayView = {
  day: string;
  url: string;
  placed: number;
  synced: number;
  blocked: number;
  failed: number;
};

export type Overview = {
  steps: SetupStep[];
  attention: AttentionCount[];
  today: TodayView | null;
  /** Customer data reports waiting to be downloaded (Settings → Privacy requests). */
  privacyRequests: number;
};

const ORDERS = "/app/orders";

/**
 * The app's home: setting up (connect TikTok, link products, choose a plan, auto-sync on), the orders that
 * need the merchant, and today's. Today needs the merchant's time zone (`tz`, from the browser): without it,
 * `today` is null and the page asks again with it.
 */
export async function loadOverview(
  shopDomain: string,
  options: { tz?: string | null; now?: Date } = {},
): Promise<Overview> {
  const shop = await findShopWithConnections(shopDomain);
  const [counts, links, planActive] = shop
    ? await Promise.all([countOrders(shop.id), listLinks(shop.id), askPlan(shopDomain)])
    : [[], [], null];
  const sum = (status: SyncStatus, reasons?: readonly string[]) =>
    counts
      .filter((row) => row.syncStatus === status)
      .filter((row) => !reasons || (row.reasonCode !== null && reasons.includes(row.reasonCode)))
      .reduce((total, row) => total + row.count, 0);

  const connections = shop?.connections ?? [];
  const live = connections.filter((connection) => connection.deauthorizedAt === null);
  const connected = live.length > 0;
  const names = live.map((connection) => connection.tiktokShopName ?? connection.tiktokShopId);
  const linked = links.filter((link) => link.state === "LINKED").length;
  const waitingOnLinks = sum("BLOCKED", ["PRODUCT_NOT_LINKED", "PRODUCT_DELETED"]);
  const steps: SetupStep[] = [
    {
      id: "connect",
      title: "Connect your TikTok shop",
      done: connected,
      detail: connected
        ? `Connected to ${names.join(" and ")}.`
        : connections.length > 0
          ? "TikTok says the app was removed from your shop: connect it again."
          : "Orders come in once your TikTok shop is connected.",
      url: "/app/settings",
    },
    {
      id: "link",
      title: "Link your products",
      done: linked > 0 && waitingOnLinks === 0,
      detail:
        linked === 0
          ? "Link each TikTok product to its Shopify variant."
          : waitingOnLinks > 0
            ? `${orders(waitingOnLinks)} wait for a product to be linked.`
            : `${linked} ${linked === 1 ? "product is" : "products are"} linked.`,
      url: "/app/products",
    },
    {
      id: "plan",
      title: "Choose a plan",
      done: planActive,
      detail:
        planActive === null
          ? "Shopify couldn't tell whether your plan is active: open Plan to see it."
          : planActive
            ? "Your plan is active."
            : "Orders sync while a plan is active.",
      url: "/app/plan",
    },
    {
      id: "autoSync",
      title: "Turn on auto-sync",
      done: shop?.autoSync ?? false,
      detail: shop?.autoSync ? "New orders sync by themselves." : "New orders wait until auto-sync is on.",
      url: "/app/settings",
    },
  ];
  const attention: AttentionCount[] = [
    { id: "failed", count: sum("FAILED"), url: `${ORDERS}?tab=failed` },
    {
      id: "action",
      count: sum("BLOCKED", reasonsNeeding("action")),
      url: `${ORDERS}?tab=blocked&attention=action`,
    },
    {
      id: "waiting",
      count: sum("BLOCKED", reasonsNeeding("waiting")),
      url: `${ORDERS}?tab=blocked&attention=waiting`,
    },
  ];
  const tz = options.tz && isTimeZone(options.tz) ? options.tz : null;
  const today = shop && tz ? await todayIn(shop.id, tz, options.now ?? new Date()) : null;
  const privacyRequests = shop ? await countPendingDataRequests(shopDomain) : 0;
  return { steps, attention, today, privacyRequests };
}

const orders = (count: number) => (count === 1 ? "1 order" : `${count} orders`);

async function askPlan(shopDomain: string): Promise<boolean | null> {
  try {
    return await isPlanActive(await adminClientForShop(shopDomain));
  } catch {
    return null;
  }
}

async function todayIn(shopId: string, tz: string, now: Date): Promise<TodayView> {
  const day = dayIn(tz, now);
  const counts = await countOrdersPlaced(shopId, { from: startOfDay(day, tz), to: startOfDay(day, tz, 1) });
  const placed = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const params = new URLSearchParams({ from: day, to: day, tz });
  return {
    day,
    url: `${ORDERS}?${params}`,
    placed,
    synced: counts.SYNCED,
    blocked: counts.BLOCKED,
    failed: counts.FAILED,
  };
}
