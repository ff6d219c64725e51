type Picker = (options: {
  type: "variant";
  action: "select";
  multiple: boolean;
}) => Promise<{ id: string }[] | undefined>;

/**
 * Shopify's resource picker from App Bridge, when the page runs inside Shopify admin. Null elsewhere (the
 * demo): the page then offers its own variant search.
 */
export function resourcePicker(): Picker | null {
  if (typeof window === "undefined") return null;
  const bridge = (window as { shopify?: { resourcePicker?: Picker } }).shopify;
  return bridge?.resourcePicker ?? null;
}

/** The variant the merchant picked, or null when they closed the picker. */
export async function pickVariant(picker: Picker): Promise<string | null> {
  const selection = await picker({ type: "variant", action: "select", multiple: false });
  return selection?.[0]?.id ?? null;
}
