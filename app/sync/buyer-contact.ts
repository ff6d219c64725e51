import type { TikTokRecipientAddress } from "~/tiktok/types";
import type { MailingAddressInput } from "./shopify-order-input";

/**
 * The buyer's address and contact as Shopify will accept them. When TikTok's logistics ship an order, TikTok
 * masks the name, phone and sometimes the postal code (`A*** F***i`, `(+60)113*****36`, `32***`) and gives a
 * relay e-mail. Masked names are kept as text; a masked phone or postal code, which Shopify would reject as
 * invalid, is left out (see docs/decisions/003-masked-buyer-data.md).
 */
export interface BuyerContact {
  shippingAddress?: MailingAddressInput;
  /** A postal code TikTok masked, kept for the merchant to see. */
  maskedPostalCode?: string;
}

export const isMasked = (text: string) => text.includes("*");

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@*]+@[^\s@*]+\.[A-Za-z]{2,}$/;

/** An e-mail Shopify accepts: TikTok's relay address is fine as long as it is a plain, unmasked address. */
export function usableEmail(email: string | undefined): string | undefined {
  const trimmed = email?.trim();
  return trimmed && EMAIL.test(trimmed) ? trimmed : undefined;
}

/** "(+60)1134567836" → "+601134567836"; masked or otherwise not E.164 → nothing. */
export function usablePhone(phone: string | undefined): string | undefined {
  if (!phone || isMasked(phone)) return undefined;
  const compact = phone.replace(/[\s()\-.]/g, "");
  return E164.test(compact) ? compact : undefined;
}

// TikTok's district levels: L0 country, L1 state or province, then city levels whose depth varies by market.
const CITY_LEVELS: Readonly<Record<string, readonly string[]>> = { US: ["L3", "L2"] };
const DEFAULT_CITY_LEVELS = ["L2", "L3"] as const;

export function buyerContactFrom(address: TikTokRecipientAddress | undefined): BuyerContact {
  if (!address) return {};
  const countryCode = countryCodeOf(address.region_code);
  const level = (name: string) => address.district_info?.find((district) => district.address_level === name);
  const cityLevels = (countryCode && CITY_LEVELS[countryCode]) || DEFAULT_CITY_LEVELS;
  const city = address.post_town || cityLevels.map((name) => level(name)?.address_name).find(Boolean);
  const state = level("L1");
  const provinceCode = state?.iso_code?.startsWith(`${countryCode}-`) ? state.iso_code.slice(3) : undefined;
  const postalCode = present(address.postal_code);
  const [address1, ...rest] = distinct([
    address.address_line1,
    address.address_detail,
    address.address_line2,
    address.address_line3,
    address.address_line4,
  ]);
  const hasSplitName = Boolean(present(address.last_name));
  const fields: [keyof MailingAddressInput, string | undefined][] = [
    ["firstName", hasSplitName ? present(address.first_name) : undefined],
    [
      "lastName",
      hasSplitName ? present(address.last_name) : present(address.name) || present(address.first_name),
    ],
    ["address1", address1],
    ["address2", rest.length > 0 ? rest.join(", ") : undefined],
    ["city", city],
    ["province", present(state?.address_name)],
    ["provinceCode", provinceCode],
    ["zip", postalCode && !isMasked(postalCode) ? postalCode : undefined],
    ["countryCode", countryCode],
    ["phone", usablePhone(address.phone_number)],
  ];
  const shippingAddress: MailingAddressInput = {};
  for (const [field, value] of fields) if (value !== undefined) shippingAddress[field] = value;
  return {
    ...(fields.some(([, value]) => value !== undefined) ? { shippingAddress } : {}),
    ...(postalCode && isMasked(postalCode) ? { maskedPostalCode: postalCode } : {}),
  };
}

function countryCodeOf(regionCode: string | undefined): string | undefined {
  const code = regionCode?.trim().toUpperCase();
  if (code === "UK") return "GB";
  return code && /^[A-Z]{2}$/.test(code) ? code : undefined;
}

// TikTok sends empty lines as "" and, in its own examples, as a literal pair of quotes.
function present(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed && trimmed !== '""' ? trimmed : undefined;
}

function distinct(lines: readonly (string | undefined)[]): string[] {
  const kept: string[] = [];
  for (const line of lines.map(present)) if (line && !kept.includes(line)) kept.push(line);
  return kept;
}
