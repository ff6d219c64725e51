import { randomUUID } from "node:crypto";
import {
  claimAndLoadDueShipments,
  claimShipment,
  findShipmentOfShop,
  holdReconcileLock,
  listStoresWithConnections,
  loadShipment,
} from "~/models/shipment.server";
import { reconcileReturns } from "./reconcile-returns.server";
import { reconcileFulfillments } from "./reconcile.server";
import { startLeasedLoop } from "~/lib/leased-loop.server";
import { onShipmentDue } from "~/lib/signals.server";
import { SHIPMENT_LEASE_MS, shipToTikTok, type ShipResult } from "./ship.server";

export type ShipmentWorker = { stop(): Promise<void>; wake(): void };

/**
 * Sends due fulfilments to TikTok, a few at a time. The shipment row is the truth (`nextAttemptAt`, the
 * lease, taken with SKIP LOCKED), so any number of processes can run one; this one also wakes when its own
 * webhooks make a fulfilment due.
 */
export function startShipmentWorker(
  options: { concurrency?: number; pollMs?: number; reconcileMs?: number } = {},
): ShipmentWorker {
  const holder = `shipments-${randomUUID()}`;
  let stopped = false;
  const loop = startLeasedLoop({
    name: "Shipment worker",
    // A slot mostly waits (on TikTok, or on a rate-limited shop's pace), so enough of them keep every shop's
    // allowance in use while some shops wait.
    concurrency: options.concurrency ?? 32,
    pollMs: options.pollMs ?? 2000,
    claim: (free) => claimAndLoadDueShipments(holder, free, SHIPMENT_LEASE_MS),
    work: (shipment) => shipToTikTok(shipment),
    label: (shipment) => `Shipment ${shipment.id}`,
    signal: onShipmentDue,
  });

  // Fulfilments whose webhook never came, and TikTok returns whose notification never came: looked for now
  // and then, by one process at a time.
  const reconcileMs = options.reconcileMs ?? 15 * 60_000;
  let reconciling: Promise<void> | undefined;
  const reconcile = () => {
    if (stopped || reconciling) return;
    reconciling = reconcileAll().finally(() => (reconciling = undefined));
  };
  const reconcileTimer = reconcileMs > 0 ? setInterval(reconcile, reconcileMs) : undefined;
  reconcileTimer?.unref();

  return {
    wake: loop.wake,
    async stop() {
      stopped = true;
      clearInterval(reconcileTimer);
      const loopStopped = loop.stop();
      await reconciling;
      await loopStopped;
    },
  };
}

async function reconcileAll() {
  try {
    if (!(await holdReconcileLock())) return;
    for (const shop of await listStoresWithConnections()) {
      const { found } = await reconcileFulfillments(shop).catch((error: unknown) => {
        console.warn(`Looking for ${shop.domain}'s missed fulfilments: ${(error as Error).message}`);
        return { found: 0 };
      });
      if (found > 0) console.info(`Found ${found} fulfilment(s) of ${shop.domain} whose webhook never came.`);
      const returns = await reconcileReturns(shop).catch((error: unknown) => {
        console.warn(`Looking for ${shop.domain}'s missed TikTok returns: ${(error as Error).message}`);
        return { found: 0 };
      });
      if (returns.found > 0)
        console.info(
          `Found ${returns.found} order(s) of ${shop.domain} with a TikTok return never notified.`,
        );
    }
  } catch (error) {
    console.warn(`Looking for missed fulfilments: ${(error as Error).message}`);
  }
}

export type ShipmentSyncAnswer =
  { ok: true; result: ShipResult } | { ok: false; status: 404 | 409; message: string };

/** The Sync button of a fulfilment: sends it now, answering what TikTok made of it. */
export async function syncShipmentNow(shopDomain: string, shipmentId: string): Promise<ShipmentSyncAnswer> {
  const owned = await findShipmentOfShop(shopDomain, shipmentId);
  if (!owned) return { ok: false, status: 404, message: "This fulfilment doesn't exist in your store." };
  const holder = `sync-${randomUUID()}`;
  if (!(await claimShipment(owned, holder, SHIPMENT_LEASE_MS)))
    return {
      ok: false,
      status: 409,
      message: "This fulfilment is being sent to TikTok right now. Reload in a moment.",
    };
  const shipment = await loadShipment(owned);
  if (!shipment) return { ok: false, status: 404, message: "This fulfilment doesn't exist in your store." };
  // A Sync click tries what waits for the merchant or TikTok; the step decides afresh.
  return { ok: true, result: await shipToTikTok({ ...shipment, reasonCode: null }) };
}
