/**
 * Matching Shopify's tracking companies to TikTok's shipping providers by name. TikTok's provider ids are
 * its own and differ per market, and its names are close to Shopify's but not always equal ("GLS (US)" in
 * Shopify is "GLS US" in TikTok): names are compared folded, and a match must be unambiguous. A wrong carrier
 * is worse than none (TikTok checks the number against it), so anything else waits for the merchant's
 * mapping in Settings.
 */

export type ShippingProvider = { id: string; name: string };

/** Lower case, letters and digits only: "GLS (US)" and "GLS US" both fold to "glsus". */
export function foldCarrier(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** A market suffix one side has and the other lacks ("Amazon Logistics US" and "Amazon Logistics"). */
const MARKET_SUFFIX = /(usa|us|uk|gb)$/;

/** The provider a Shopify tracking company names, when exactly one does; undefined otherwise. */
export function matchProvider(
  company: string,
  providers: readonly ShippingProvider[],
): ShippingProvider | undefined {
  const folded = foldCarrier(company);
  if (!folded) return undefined;
  const exact = providers.filter((provider) => foldCarrier(provider.name) === folded);
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return undefined;
  const bare = folded.replace(MARKET_SUFFIX, "");
  const near = providers.filter((provider) => foldCarrier(provider.name).replace(MARKET_SUFFIX, "") === bare);
  return near.length === 1 && bare.length >= 3 ? near[0] : undefined;
}
