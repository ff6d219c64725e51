import type { Prisma, SyncTrigger, TikTokOrder as OrderRow } from "@prisma/client";
import {
  claimOrder,
  finishAttempt,
  finishCreate,
  getOrderRow,
  markSynced,
  releaseOrder,
  setCombinedInto,
  markCancelledInShopify,
  retryFollowUpAt,
  startCreate,
} from "~/models/sync-run.server";
import type { AdminClient } from "~/admin-api/admin-client.server";
import { cancelOrder, createOrder, findOrdersBySourceIdentifier } from "~/admin-api/operations/orders";
import { userErrorText } from "~/admin-api/operations/user-errors";
import type { TikTokOrder } from "~/tiktok/types";
import { addressDigest, NO_ADDRESS } from "./address-digest";
import { failureFromError, failureFromUserErrors, retryAt } from "./failures";
import { toOrderCreateInput, type MappingResult } from "./mapping";
import { recordFailure, recordFailureBeforeCreate } from "./outcomes.server";
import { toCombinedSampleOrderInput } from "./samples";
import type { LoadedContext } from "./sync-context.server";
import { parseStoredOrder } from "./sync-context.server";
import type { ClaimedOrder, SyncOutcome } from "./types";

const LEADER_LEASE_MS = 5 * 60_000;

/** The TikTok order id Shopify knows this order by: a combined group's first order's. */
async function sourceIdentifierOf(row: ClaimedOrder): Promise<string> {
  if (!row.combinedIntoId || row.combinedIntoId === row.id) return row.tiktokOrderId;
  return (await getOrderRow(row.combinedIntoId))?.tiktokOrderId ?? row.tiktokOrderId;
}

/**
 * Before creating anything after an uncertain create (or for a member of a combined group), ask Shopify
 * whether the order is already there, and adopt it when it is.
 */
export async function adoptIfCreated(
  client: AdminClient,
  row: ClaimedOrder,
  creatingAttemptId: string | null,
  orderIds: readonly string[] = [row.id],
): Promise<SyncOutcome | null> {
  const found = (await findOrdersBySourceIdentifier(client, await sourceIdentifierOf(row)))[0];
  if (!found) {
    if (creatingAttemptId) {
      const errorDetail = "Shopify has no order for it: the create was not applied, so it is created again.";
      await finishAttempt(creatingAttemptId, {
        outcome: "FAILED",
        reasonCode: "PLATFORM_ERROR",
        errorDetail,
      });
    }
    return null;
  }
  if (creatingAttemptId) {
    const errorDetail = "The answer to the create was lost; the order was found in Shopify and adopted.";
    await finishAttempt(creatingAttemptId, { outcome: "SYNCED", shopifyOrderId: found.id, errorDetail });
  }
  await markSynced(orderIds, found);
  return { status: "synced", shopifyOrderId: found.id, shopifyOrderName: found.name, adopted: true };
}

function mapOrder(order: TikTokOrder, loaded: LoadedContext): { input: MappingResult; members: OrderRow[] } {
  const group = loaded.sampleGroup;
  if (!group || group.members.length < 2)
    return { input: toOrderCreateInput(order, loaded.mapping), members: [] };
  const orders = group.members.flatMap((member) => {
    const parsed = parseStoredOrder(member);
    return parsed.success ? [parsed.data] : [];
  });
  return { input: toCombinedSampleOrderInput(orders, loaded.mapping), members: group.members };
}

export async function createInShopify(
  client: AdminClient,
  row: ClaimedOrder,
  order: TikTokOrder,
  loaded: LoadedContext,
  trigger: SyncTrigger,
  stages: Prisma.InputJsonValue,
  now: () => Date,
): Promise<SyncOutcome> {
  const { input, members } = mapOrder(order, loaded);
  if (!input.ok) return recordFailureBeforeCreate(row, trigger, input.failure, stages);
  const leader = loaded.sampleGroup?.leader;
  // A combined group is created under its first order's lease too, so two members can't both create it.
  const holdsLeader = leader && leader.id !== row.id;
  if (holdsLeader && !(await claimOrder(leader.id, row.holder, LEADER_LEASE_MS, now())))
    return { status: "busy" };
  try {
    if (leader && members.length > 1) {
      await setCombinedInto(
        members.map((member) => member.id),
        leader.id,
      );
      const memberIds = members.map((member) => member.id);
      const adopted = await adoptIfCreated(client, { ...row, combinedIntoId: leader.id }, null, memberIds);
      if (adopted) return adopted;
    }
    const attempt = await startCreate(row.id, trigger, stages);
    let result: Awaited<ReturnType<typeof createOrder>>;
    try {
      result = await createOrder(client, { order: input.order, options: input.options });
    } catch (error) {
      const failure = failureFromError(error);
      // An uncertain create stays "CREATING": the next run looks the order up before creating it again.
      const outcome = failure.uncertain ? "CREATING" : "FAILED";
      await finishAttempt(attempt.id, { outcome, reasonCode: failure.code, errorDetail: failure.message });
      return recordFailure(row, trigger, failure, now(), { attemptRecorded: true });
    }
    if (!result.ok) {
      const failure = failureFromUserErrors(result.userErrors);
      const errorDetail = userErrorText(result.userErrors);
      await finishAttempt(attempt.id, { outcome: "FAILED", reasonCode: failure.code, errorDetail });
      return recordFailure(row, trigger, failure, now(), { attemptRecorded: true });
    }
    const created = result.value;
    const address = input.order.shippingAddress;
    // Nothing is left to do under the order's lease unless a cancel follows.
    const release = order.status !== "CANCELLED";
    try {
      await finishCreate(
        attempt.id,
        members.length ? members.map((member) => member.id) : [row.id],
        created,
        address ? addressDigest(address) : NO_ADDRESS,
        { id: row.id, holder: row.holder, syncedFrom: row.updateTime, release },
      );
    } catch (error) {
      // The order exists in Shopify, but its record could not be written: the attempt stays "creating", so
      // the retry finds the order in Shopify and adopts it instead of creating it again.
      const failure = { ...failureFromError(error), transient: true, uncertain: true };
      return recordFailure(row, trigger, failure, now(), { attemptRecorded: true });
    }
    if (release) row.lease.released = true;
    if (order.status === "CANCELLED") {
      await cancelAfterCreate(
        client,
        { ...row, shopifyOrderId: created.id, shopifyOrderName: created.name },
        now,
      );
    }
    return { status: "synced", shopifyOrderId: created.id, shopifyOrderName: created.name, adopted: false };
  } finally {
    if (holdsLeader) await releaseOrder(leader.id, row.holder);
  }
}

/** Cancels the Shopify order of a cancelled TikTok order, restocking what it took. */
export async function cancelInShopify(
  client: AdminClient,
  row: ClaimedOrder,
  shopifyOrderId: string,
): Promise<void> {
  const result = await cancelOrder(client, {
    orderId: shopifyOrderId,
    restock: row.shop.inventoryBehaviour !== "BYPASS",
    staffNote: `Cancelled in TikTok Shop (order ${row.tiktokOrderId}).`,
  });
  if (!result.ok) throw new Error(`Shopify did not cancel the order: ${userErrorText(result.userErrors)}`);
  await markCancelledInShopify(row.id, new Date());
}

// A forced sync of a cancelled order creates it, then cancels it; a failed cancel is retried later.
async function cancelAfterCreate(client: AdminClient, row: ClaimedOrder, now: () => Date): Promise<void> {
  try {
    await cancelInShopify(client, row, row.shopifyOrderId ?? "");
  } catch (error) {
    const failure = failureFromError(error);
    await retryFollowUpAt(row.id, retryAt({ ...failure, transient: true }, 1, now(), row.retry));
  }
}
