import prisma from "~/db.server";
import type { ShopSettings } from "~/models/settings";
import { getShopSettings } from "~/models/shop.server";
import { forgetPlan } from "~/billing/plan-status.server";
import { DEFAULT_RETRY_POLICY } from "~/sync/failures";
import type { OrderSpec } from "../../tools/tiktok-standin";
import { arrive, type DemoWorld } from "./arrive";

/**
 * The reasons the store's data doesn't show by itself: each needs the store in another state while an order
 * syncs. The order goes through the real sync in that state, which is then put back without re-queueing
 * the order, so the merchant finds it as it was synced, with its Sync button.
 *
 * Call it while the Shopify stand-in doesn't accept the app's token yet: the first order is refused.
 */
export async function placeOrdersUnderConditions(world: DemoWorld) {
  const { shopify, domain } = world;
  const line = (sku: string, quantity = 1) => ({ skuId: world.skuIdOf(sku), quantity });

  // Shopify doesn't accept the app's token yet, as it refuses a revoked one: the order fails with AUTH_ERROR.
  await arrive(world, [{ lines: [line("SERUM-30")] }]);
  await shopify.addToken(domain, world.accessToken);

  // The plan is frozen while an order syncs: PLAN_INACTIVE. The stand-in sends no subscription webhook,
  // so the app's cached plan is dropped here as that webhook would; reactivating re-queues nothing.
  await shopify.setSubscription(domain, { name: "Standard", status: "FROZEN" });
  forgetPlan(domain);
  await arrive(world, [{ lines: [line("CREAM-50")] }]);
  await shopify.setSubscription(domain, { name: "Standard", status: "ACTIVE" });
  forgetPlan(domain);

  await withSettings(world, { autoSync: false }, [{ lines: [line("TINT-RED", 2)] }]);
  await withSettings(world, { sampleOrderRule: "SKIP" }, [{ lines: [line("SERUM-30")], sample: true }]);
  // Its own recipient: a group of one, waiting out the combine window; the running app syncs it after.
  await withSettings(world, { sampleOrderRule: "COMBINE" }, [
    { lines: [line("CREAM-50")], sample: true, recipient: { name: "Ava Reyes" } },
  ]);

  // Shopify answers 503 to every request: the Admin client retries each query itself, then the order
  // fails with PLATFORM_ERROR. The running app would try it five more times over eight minutes; here it
  // gets one attempt, so it shows as Failed at once.
  await shopify.setFaults(domain, { errorRate: 1, errorStatuses: [503] });
  try {
    await arrive(world, [{ lines: [line("TINT-RED")] }], { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 });
  } finally {
    await shopify.setFaults(domain, null);
  }
}

/**
 * Brings in `specs` with `change` made to the store's settings, then puts them back. Both are written to the
 * store's row rather than saved as the Settings page saves them: that save re-queues the orders a change may
 * unblock (a new sample rule re-queues both sample reasons, auto-sync turned on AUTO_SYNC_DISABLED), and
 * would sync away the very orders the demo is here to show.
 */
async function withSettings(world: DemoWorld, change: Partial<ShopSettings>, specs: readonly OrderSpec[]) {
  const before = await getShopSettings(world.domain);
  await prisma.shop.update({ where: { domain: world.domain }, data: change });
  try {
    await arrive(world, specs);
  } finally {
    await prisma.shop.update({ where: { domain: world.domain }, data: before });
  }
}
