import { z } from "zod";
import { isPlainText } from "~/lib/plain-text";

/** The merchant picks the window for combining sample orders between these bounds. */
export const COMBINE_WINDOW_MINUTES = { min: 30, max: 24 * 60 } as const;

/** Order-sync settings a merchant can change, with the limits the Settings page enforces. */
export const SAMPLE_ORDER_RULES = ["SYNC", "COMBINE", "SKIP"] as const;
export const ON_HOLD_RULES = ["WAIT", "SYNC"] as const;
export const INVENTORY_BEHAVIOURS = [
  "BYPASS",
  "DECREMENT_IGNORING_POLICY",
  "DECREMENT_OBEYING_POLICY",
] as const;

const tag = z
  .string()
  .trim()
  .min(1, "A tag can't be empty.")
  .max(40, "A tag is at most 40 characters.")
  .refine((value) => !value.includes(","), "A tag can't contain a comma.")
  .refine(isPlainText, "A tag can't contain control characters.");

export const shopSettingsSchema = z.object({
  autoSync: z.boolean(),
  sampleOrderRule: z.enum(SAMPLE_ORDER_RULES),
  sampleOrderTag: tag,
  combineWindowMinutes: z
    .number()
    .int("The window is a whole number of minutes.")
    .min(COMBINE_WINDOW_MINUTES.min, "The combine window is at least 30 minutes.")
    .max(COMBINE_WINDOW_MINUTES.max, "The combine window is at most 24 hours."),
  onHoldRule: z.enum(ON_HOLD_RULES),
  orderTags: z.array(tag).max(20, "At most 20 tags."),
  orderNameFormat: z
    .string()
    .trim()
    .max(60, "The order name format is at most 60 characters.")
    .refine(
      (value) => value.includes("{id}"),
      "The order name format must contain {id}, the TikTok order id.",
    )
    .refine(isPlainText, "The order name format can't contain control characters."),
  inventoryBehaviour: z.enum(INVENTORY_BEHAVIOURS),
  notifyCustomer: z.boolean(),
});

export type ShopSettings = z.infer<typeof shopSettingsSchema>;
