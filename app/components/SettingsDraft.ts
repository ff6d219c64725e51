import type { ShopSettings } from "~/models/settings";

/** The Settings form as the merchant edits it: numbers and tag lists as the text typed. */
export type SettingsDraft = Omit<ShopSettings, "combineWindowMinutes" | "orderTags"> & {
  combineWindowMinutes: string;
  orderTags: string;
};

export const draftOf = (settings: ShopSettings): SettingsDraft => ({
  ...settings,
  combineWindowMinutes: String(settings.combineWindowMinutes),
  orderTags: settings.orderTags.join(", "),
});

/** Which fields the form shows: the combine window only to combine, the tag only to sample orders synced. */
export const shownFields = (draft: Pick<SettingsDraft, "sampleOrderRule">) => ({
  combineWindowMinutes: draft.sampleOrderRule === "COMBINE",
  sampleOrderTag: draft.sampleOrderRule !== "SKIP",
});

/**
 * What Save sends: the draft, with hidden fields at their saved values (hiding a field changes nothing).
 * A window that isn't a number goes as typed, for the server to name what is wrong with it.
 */
export function settingsToSave(draft: SettingsDraft, saved: ShopSettings) {
  const shown = shownFields(draft);
  const minutes = draft.combineWindowMinutes.trim();
  return {
    ...draft,
    sampleOrderTag: shown.sampleOrderTag ? draft.sampleOrderTag : saved.sampleOrderTag,
    combineWindowMinutes: !shown.combineWindowMinutes
      ? saved.combineWindowMinutes
      : /^-?\d+(\.\d+)?$/.test(minutes)
        ? Number(minutes)
        : draft.combineWindowMinutes,
    orderTags: draft.orderTags
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
  };
}

/** The draft differs from what is saved: the save bar shows. */
export function hasChanges(draft: SettingsDraft, saved: ShopSettings): boolean {
  const next: Record<string, unknown> = settingsToSave(draft, saved);
  return Object.entries(saved).some(([key, value]) => JSON.stringify(next[key]) !== JSON.stringify(value));
}

/** Each field's label, as the form shows it; also what the "fix" message names. */
export const SETTINGS_LABELS: Record<keyof ShopSettings, string> = {
  autoSync: "Sync TikTok orders automatically",
  sampleOrderRule: "Sample orders",
  combineWindowMinutes: "Combine window (minutes)",
  sampleOrderTag: "Sample order tag",
  onHoldRule: "Orders on hold",
  orderTags: "Order tags",
  orderNameFormat: "Order name format",
  inventoryBehaviour: "Inventory",
  notifyCustomer: "Send Shopify's order confirmation to the buyer",
  restockReturns: "Restock the items of a TikTok return when it is refunded",
  offerTikTokCancel: "Offer to cancel on TikTok the orders I cancel in Shopify",
};

const isField = (key: string): key is keyof ShopSettings => key in SETTINGS_LABELS;

/** What the merchant must fix after a refused Save, naming the fields; the server's words otherwise. */
export function fixMessage(refusal: { error: string; errors: Record<string, string> }): string {
  const fields = Object.keys(refusal.errors).filter(isField);
  if (fields.length === 0) return refusal.error;
  const names = fields.map((field) => SETTINGS_LABELS[field]);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `Nothing was saved: fix ${list}`;
}
