import { availableQuantity, type LineItemRecord, type ShopState, type VariantRecord } from "../store";
import type { OrderCreateOptionsInput } from "./order-input";

type Claim = { variant: VariantRecord; quantity: number };
type Taken = Array<{ locationId: number; quantity: number }>;

/**
 * orderCreate's inventoryBehaviour: BYPASS leaves stock alone; DECREMENT_IGNORING_POLICY takes it even
 * below zero; DECREMENT_OBEYING_POLICY refuses when a tracked DENY-policy variant can't cover the
 * quantity the order asks for (summed over its lines). Untracked variants are never decremented.
 */
export function checkInventory(
  lines: Array<{ variant: VariantRecord | undefined; quantity: number }>,
  behaviour: OrderCreateOptionsInput["inventoryBehaviour"] = "BYPASS",
): { ok: true; claims: Array<Claim | undefined> } | { ok: false; lineIndex: number } {
  if (behaviour === "BYPASS") return { ok: true, claims: lines.map(() => undefined) };
  const wanted = new Map<number, number>();
  lines.forEach(({ variant, quantity }) => {
    if (variant?.tracked) wanted.set(variant.id, (wanted.get(variant.id) ?? 0) + quantity);
  });
  if (behaviour === "DECREMENT_OBEYING_POLICY") {
    const lineIndex = lines.findIndex(
      ({ variant }) =>
        variant?.tracked &&
        variant.inventoryPolicy === "DENY" &&
        availableQuantity(variant) < (wanted.get(variant.id) ?? 0),
    );
    if (lineIndex >= 0) return { ok: false, lineIndex };
  }
  const claims = lines.map(({ variant, quantity }) => (variant?.tracked ? { variant, quantity } : undefined));
  return { ok: true, claims };
}

/** Takes each claim from the locations holding stock, in order; what is left comes off the first. */
export function applyClaim(shop: ShopState, claim: Claim): Taken {
  let left = claim.quantity;
  const taken: Taken = [];
  for (const location of shop.locations) {
    if (left <= 0) break;
    const here = Math.min(left, Math.max(0, claim.variant.inventory.get(location.id) ?? 0));
    if (here > 0) taken.push({ locationId: location.id, quantity: here });
    left -= here;
  }
  if (left > 0) {
    const first = shop.locations[0];
    if (!first) throw new Error(`Shop ${shop.domain} has no location to take inventory from`);
    taken.push({ locationId: first.id, quantity: left });
  }
  for (const { locationId, quantity } of taken) {
    claim.variant.inventory.set(locationId, (claim.variant.inventory.get(locationId) ?? 0) - quantity);
  }
  return taken;
}

/** Gives back what a line took (a cancel with restock). */
export function restock(variant: VariantRecord | undefined, taken: Taken): void {
  if (!variant) return;
  for (const { locationId, quantity } of taken) {
    variant.inventory.set(locationId, (variant.inventory.get(locationId) ?? 0) + quantity);
  }
}

/**
 * Puts `quantity` refunded units of a line back in stock: first where the line took them from (what a
 * later restocking cancel would otherwise give back again), the rest at the shop's first location; all
 * of them at `locationId` when given. An untracked or deleted variant's stock is not counted. Answers the
 * location the units went to.
 */
export function restockRefunded(
  shop: ShopState,
  line: LineItemRecord,
  quantity: number,
  locationId: number | undefined,
): number | null {
  const given: Taken = [];
  let left = quantity;
  for (const taken of line.decremented) {
    const here = Math.min(left, taken.quantity);
    if (here <= 0) continue;
    taken.quantity -= here;
    given.push({ locationId: taken.locationId, quantity: here });
    left -= here;
  }
  line.decremented = line.decremented.filter((taken) => taken.quantity > 0);
  const first = shop.locations[0]?.id ?? null;
  if (left > 0 && first !== null) given.push({ locationId: first, quantity: left });
  const variant = line.variantId === null ? undefined : shop.variants.get(line.variantId);
  const to = locationId === undefined ? given : [{ locationId, quantity }];
  if (variant?.tracked) restock(variant, to);
  return locationId ?? given[0]?.locationId ?? first;
}
