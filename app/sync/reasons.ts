/**
 * Every reason an order is Blocked or Failed, in one place. The database stores the code; the Orders page,
 * the Sync button and the tests read the title, the help text and the manual-sync rule from here.
 *
 * Manual-sync rules (what the Sync button does for a Blocked order):
 * - "force": Sync skips the check and creates the order anyway.
 * - "enabledAfterFix": Sync stays disabled until the merchant fixes the cause, then skips the check.
 * - "disabledUntilFixed": Sync stays disabled until the cause is gone; the check then passes by itself.
 * - "never": the order is never synced.
 *
 * `fixIn` says where the merchant fixes the cause (the UI links there), null when there is nothing to fix.
 *
 * `attention` says how the merchant should read the reason, so the pages can tell problems from choices:
 * - "action": something needs the merchant (link a product, choose a plan, correct a value).
 * - "skipped": left out on purpose, by the merchant's settings or the rules; nothing is wrong.
 * - "waiting": the order syncs by itself once a wait ends (TikTok's hold, a combining window).
 *
 * `force` is what Sync does to a reason it forces, in the words of the confirmation asked first: `effect`
 * follows "This order is" (or "they are"), `selection` follows a count of selected orders.
 */
export const REASONS = {
  AUTO_SYNC_DISABLED: {
    kind: "block",
    attention: "action",
    stage: 1,
    manualSync: "disabledUntilFixed",
    title: "Auto-sync is turned off",
    howToResolve: "Turn on auto-sync in Settings > Order sync. Orders waiting on it sync once it is on.",
    fixIn: "settings",
    syncDisabledBecause: "Sync is available once auto-sync is turned on.",
  },
  ORDER_BEFORE_CONNECTION: {
    kind: "block",
    attention: "skipped",
    stage: 1,
    manualSync: "force",
    title: "Placed before your TikTok shop was connected",
    howToResolve:
      "Orders from before the connection aren't brought in on their own. Click Sync to add this one.",
    fixIn: null,
    force: {
      title: "Bring in an order from before the connection?",
      effect:
        "created in Shopify like a new order. If you already entered it in Shopify by hand, you will have it twice",
      selection: "placed before TikTok was connected",
      action: "Create in Shopify",
    },
  },
  ORDER_BEFORE_PRODUCT_LINKED: {
    kind: "block",
    attention: "skipped",
    stage: 1,
    manualSync: "enabledAfterFix",
    title: "Placed before its products were linked",
    howToResolve:
      "Orders placed before a product was linked aren't brought in on their own. Make sure every product in it is linked, then click Sync.",
    fixIn: "products",
    syncDisabledBecause: "Sync is available once every product in this order is linked.",
  },
  ORDER_CANCELLED: {
    kind: "block",
    attention: "skipped",
    stage: 2,
    manualSync: "force",
    title: "Cancelled on TikTok",
    howToResolve:
      "Nothing to do: cancelled orders are left out on purpose. Click Sync if you want a record in Shopify; it is created, then cancelled with its stock restored.",
    fixIn: null,
    force: {
      title: "Create this cancelled order in Shopify?",
      effect:
        "created in Shopify and cancelled at once, as on TikTok, so you keep a record; any stock it takes is put back and nothing is shipped",
      selection: "cancelled on TikTok",
      action: "Create and cancel",
    },
  },
  SAMPLE_PENDING_COMBINATION: {
    kind: "block",
    attention: "waiting",
    stage: 3,
    manualSync: "disabledUntilFixed",
    title: "Sample order waiting to be combined",
    howToResolve:
      "Sample orders to the same recipient are combined into one Shopify order. This one syncs when its combining window ends.",
    fixIn: null,
    syncDisabledBecause: "Sync is available once the combining window has ended.",
  },
  SAMPLE_SYNC_DISABLED: {
    kind: "block",
    attention: "skipped",
    stage: 3,
    manualSync: "disabledUntilFixed",
    title: "Sample orders are set not to sync",
    howToResolve:
      "Change the sample order rule in Settings > Order sync if you want sample orders in Shopify.",
    fixIn: "settings",
    syncDisabledBecause: "Sync is available once sample orders are allowed to sync in Settings.",
  },
  FULFILLED_BY_TIKTOK: {
    kind: "block",
    attention: "skipped",
    stage: 4,
    manualSync: "never",
    title: "Fulfilled by TikTok",
    howToResolve:
      "Nothing to do: TikTok ships this order from its own warehouse, so it stays out of Shopify.",
    fixIn: null,
    syncDisabledBecause: "Orders that TikTok fulfils are never synced.",
  },
  FULFILLED_BY_TOKOPEDIA: {
    kind: "block",
    attention: "skipped",
    stage: 4,
    manualSync: "never",
    title: "Fulfilled by Tokopedia",
    howToResolve:
      "Nothing to do: Tokopedia ships this order from its own warehouse (Dilayani Tokopedia), so it stays out of Shopify.",
    fixIn: null,
    syncDisabledBecause: "Orders that Tokopedia fulfils are never synced.",
  },
  ORDER_ON_HOLD: {
    kind: "block",
    attention: "waiting",
    stage: 5,
    manualSync: "force",
    title: "On hold at TikTok",
    howToResolve:
      "TikTok holds new orders for about an hour while the buyer can still cancel; this one syncs when the hold ends. Click Sync to add it now, or change the on-hold rule in Settings > Order sync.",
    fixIn: "settings",
    force: {
      title: "Create this order before TikTok's hold ends?",
      effect:
        "created in Shopify now, without a shipping address: TikTok withholds it during the hold. It is tagged 'TikTok address pending' until TikTok releases the address, which is then added",
      selection: "on hold at TikTok",
      action: "Create without address",
    },
  },
  PRODUCT_NOT_LINKED: {
    kind: "block",
    attention: "action",
    stage: 6,
    manualSync: "disabledUntilFixed",
    title: "Product not linked to Shopify",
    howToResolve:
      "Link the TikTok product to a Shopify variant on the Products page. The order syncs once it is.",
    fixIn: "products",
    syncDisabledBecause: "Sync is available once every product in this order is linked.",
  },
  PRODUCT_DELETED: {
    kind: "block",
    attention: "action",
    stage: 6,
    manualSync: "disabledUntilFixed",
    title: "Linked Shopify product was deleted",
    howToResolve:
      "Restore the product in Shopify, or link the TikTok product to another variant. The order syncs after that.",
    fixIn: "products",
    syncDisabledBecause: "Sync is available once the product is restored or linked to another variant.",
  },
  PLAN_INACTIVE: {
    kind: "block",
    attention: "action",
    stage: 7,
    manualSync: "disabledUntilFixed",
    title: "Your plan isn't active",
    howToResolve: "Choose a plan, or wait until yours is active again. Waiting orders sync once it is.",
    fixIn: "plan",
    syncDisabledBecause: "Sync is available once your plan is active.",
  },
  MISSING_REQUIRED_FIELD: {
    kind: "failure",
    attention: "action",
    title: "Shopify needs information the TikTok order doesn't have",
    howToResolve:
      "The message names what is missing. For the buyer's details, ask the buyer to complete them on TikTok: the order syncs by itself when TikTok sends them. For a product, link it in Products, then click Sync.",
    fixIn: null,
  },
  INVALID_FIELD: {
    kind: "failure",
    attention: "action",
    title: "Shopify refused a value in the order",
    howToResolve:
      "The message names the field and the value Shopify refused. Ask the buyer to correct it on TikTok: the order syncs by itself when TikTok sends the correction.",
    fixIn: null,
  },
  EXCHANGE_RATE_MISSING: {
    kind: "failure",
    attention: "action",
    title: "No exchange rate for this currency",
    howToResolve:
      "Set the rate from the order's currency to your store's in Settings > Currencies. Orders waiting on it sync once it is saved.",
    fixIn: "settings",
  },
  OUT_OF_STOCK: {
    kind: "failure",
    attention: "action",
    title: "Not enough stock in Shopify",
    howToResolve:
      "Add stock for the product in Shopify, or let orders sync without stock in Settings > Order sync, then click Sync.",
    fixIn: "products",
  },
  PLATFORM_ERROR: {
    kind: "failure",
    attention: "action",
    title: "Shopify couldn't be reached",
    howToResolve:
      "This is usually temporary and is retried on its own. If it keeps happening, click Sync later.",
    fixIn: null,
  },
  AUTH_ERROR: {
    kind: "failure",
    attention: "action",
    title: "The connection needs to be renewed",
    howToResolve:
      "Reconnect your TikTok shop in Settings, or open the app from Shopify again, then click Sync.",
    fixIn: "settings",
  },
} as const;

type Catalogue = typeof REASONS;
export type ReasonCode = keyof Catalogue;
export type BlockReasonCode = {
  [K in ReasonCode]: Catalogue[K] extends { kind: "block" } ? K : never;
}[ReasonCode];
export type FailureCode = Exclude<ReasonCode, BlockReasonCode>;
export type ManualSyncRule = Catalogue[BlockReasonCode]["manualSync"];
export type FixLocation = Catalogue[ReasonCode]["fixIn"];
export type StageNumber = Catalogue[BlockReasonCode]["stage"];
export type Attention = Catalogue[ReasonCode]["attention"];
/** The reasons Sync forces past, which the merchant confirms first. */
export type ForcedReasonCode = {
  [K in BlockReasonCode]: Catalogue[K] extends { manualSync: "force" } ? K : never;
}[BlockReasonCode];

export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];
export const BLOCK_REASON_CODES = REASON_CODES.filter(isBlockReason);
export const FAILURE_CODES = REASON_CODES.filter((code): code is FailureCode => !isBlockReason(code));

export function describeReason<C extends ReasonCode>(code: C): Catalogue[C] {
  return REASONS[code];
}

export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(REASONS, value);
}

export function isBlockReason(code: ReasonCode): code is BlockReasonCode {
  return REASONS[code].kind === "block";
}

export function manualSyncRule(code: BlockReasonCode): ManualSyncRule {
  return REASONS[code].manualSync;
}

export function isForcedReason(code: ReasonCode): code is ForcedReasonCode {
  return isBlockReason(code) && REASONS[code].manualSync === "force";
}

export const FORCED_REASON_CODES = REASON_CODES.filter(isForcedReason);
