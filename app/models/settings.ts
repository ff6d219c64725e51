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

// Each message names what the field needs, so that a body of the wrong shape is answered in words too.
const tag = z
  .string({ error: "A tag is text." })
  .trim()
  .min(1, "A tag can't be empty.")
  .max(40, "A tag is at most 40 characters.")
  .refine((value) => !value.includes(","), "A tag can't contain a comma.")
  .refine(isPlainText, "A tag can't contain control characters.");

const onOff = z.boolean({ error: "This setting is on (true) or off (false)." });
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `Choose one of ${values.join(", ")}.` });

export const shopSettingsSchema = z.object({
  autoSync: onOff,
  sampleOrderRule: choice(SAMPLE_ORDER_RULES),
  sampleOrderTag: tag,
  combineWindowMinutes: z
    .number({ error: "The combine window is a number of minutes." })
    .int("The window is a whole number of minutes.")
    .min(COMBINE_WINDOW_MINUTES.min, "The combine window is at least 30 minutes.")
    .max(COMBINE_WINDOW_MINUTES.max, "The combine window is at most 24 hours."),
  onHoldRule: choice(ON_HOLD_RULES),
  orderTags: z.array(tag, { error: "Order tags are a list of tags." }).max(20, "At most 20 tags."),
  orderNameFormat: z
    .string({ error: "The order name format is text." })
    .trim()
    .max(60, "The order name format is at most 60 characters.")
    .refine(
      (value) => value.includes("{id}"),
      "The order name format must contain {id}, the TikTok order id.",
    )
    .refine(isPlainText, "The order name format can't contain control characters."),
  inventoryBehaviour: choice(INVENTORY_BEHAVIOURS),
  notifyCustomer: onOff,
  restockReturns: onOff,
  offerTikTokCancel: onOff,
});

export type ShopSettings = z.infer<typeof shopSettingsSchema>;
