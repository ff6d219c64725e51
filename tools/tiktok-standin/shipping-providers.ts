/**
 * Delivery options and the shipping providers behind them, as GET
 * /logistics/202309/delivery_options/{id}/shipping_providers serves them. TikTok's ids are long numeric
 * strings that never change; the stand-in's are fixed too (not from its counter), so a test can name one
 * before any request and an app can keep a carrier map across runs.
 */
export type ShippingProvider = { readonly id: string; readonly name: string };

/** The name TikTok gives the one delivery option a seller-shipped order in the stand-in has. */
export const DELIVERY_OPTION_NAME = "Standard shipping";

/** Each market's carriers; every region without its own list has `OTHER`'s. */
export const SHIPPING_PROVIDERS = {
  US: [
    { id: "7117858858072016686", name: "USPS" },
    { id: "7117859084333745966", name: "UPS" },
    { id: "7129736293935187714", name: "FedEx" },
    { id: "7212608507307099946", name: "LaserShip" },
    { id: "7212611208392050478", name: "OnTrac" },
    { id: "7254084300640814891", name: "GLS US" },
    { id: "7132708441138923307", name: "DHL eCommerce" },
    { id: "7248600717110282027", name: "Amazon Logistics" },
  ],
  GB: [
    { id: "7117861001276884782", name: "Royal Mail" },
    { id: "7117861247671911214", name: "Evri" },
    { id: "7117861496326473518", name: "DPD" },
    { id: "7138398446549411627", name: "Parcelforce Worldwide" },
    { id: "7117861713973089070", name: "DHL" },
    { id: "7117862045126002478", name: "Yodel" },
  ],
  OTHER: [
    { id: "7117862301817587502", name: "Other" },
    { id: "7117862596962469678", name: "DHL" },
  ],
} as const satisfies Record<string, readonly ShippingProvider[]>;

/** The carriers a shop in this region can name when it marks an order as shipped. */
export function shippingProvidersFor(region: string): readonly ShippingProvider[] {
  const key = region.toUpperCase();
  return key === "US" || key === "GB" ? SHIPPING_PROVIDERS[key] : SHIPPING_PROVIDERS.OTHER;
}

/** A provider's id by its name in a region, e.g. `shippingProviderId("US", "UPS")`; throws for an unknown name. */
export function shippingProviderId(region: string, name: string): string {
  const provider = shippingProvidersFor(region).find((candidate) => candidate.name === name);
  if (!provider) throw new Error(`no shipping provider named ${name} in region ${region}`);
  return provider.id;
}

/**
 * The delivery option of a region's orders: 19 digits built from the region's letters (US → …085083), so
 * every shop in a region has the same id and shops in different regions never share one.
 */
export function deliveryOptionFor(region: string): { id: string; name: string } {
  const letters = [...region.toUpperCase()].map((letter) => String(letter.charCodeAt(0)).padStart(3, "0"));
  return { id: `7129${letters.join("").padStart(15, "0")}`, name: DELIVERY_OPTION_NAME };
}
