import type { TikTokRecipientAddress } from "../../app/tiktok/types";

/** Recipient fields a spec may set; the rest default to a plausible US address. */
export type AddressSpec = {
  name?: string;
  phone?: string;
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  stateCode?: string;
  postalCode?: string;
  regionCode?: string;
  country?: string;
};

export function buildAddress(spec: AddressSpec = {}, region = "US"): TikTokRecipientAddress {
  const name = spec.name ?? "Jane Doe";
  const [firstName = name, ...rest] = name.split(" ");
  const line1 = spec.line1 ?? "2450 Sunset Blvd";
  const line2 = spec.line2 ?? "Apt 4";
  const city = spec.city ?? "Los Angeles";
  const state = spec.state ?? "California";
  const regionCode = spec.regionCode ?? region;
  const postalCode = spec.postalCode ?? "90026";
  const country = spec.country ?? "United States";
  return {
    name,
    first_name: firstName,
    last_name: rest.join(" "),
    phone_number: spec.phone ?? "(+1)2135550147",
    address_line1: line1,
    address_line2: line2,
    address_line3: "",
    address_line4: "",
    address_detail: line2,
    full_address: `${line1}, ${line2}, ${city}, ${state}, ${postalCode}, ${country}`,
    postal_code: postalCode,
    region_code: regionCode,
    district_info: [
      { address_level: "L0", address_level_name: "Country", address_name: country, iso_code: regionCode },
      {
        address_level: "L1",
        address_level_name: "State",
        address_name: state,
        iso_code: `${regionCode}-${spec.stateCode ?? "CA"}`,
      },
      { address_level: "L3", address_level_name: "City", address_name: city },
    ],
  };
}

/** How TikTok masks buyer data when its own logistics ship: `A*** F***i`, `(+1)213*****47`, `90***`. */
export function maskAddress(address: TikTokRecipientAddress): TikTokRecipientAddress {
  const words = (address.name ?? "").split(" ");
  const maskedName = words.map((word, i) => (i === 0 ? maskFirst(word) : maskLast(word))).join(" ");
  const [first = "", ...rest] = maskedName.split(" ");
  return {
    ...address,
    name: maskedName,
    first_name: first,
    last_name: rest.join(" "),
    phone_number: maskPhone(address.phone_number ?? ""),
    postal_code: `${(address.postal_code ?? "").slice(0, 2)}***`,
    full_address: (address.full_address ?? "").replace(
      address.postal_code ?? "\u0000",
      `${(address.postal_code ?? "").slice(0, 2)}***`,
    ),
  };
}

const maskFirst = (word: string) => (word ? `${word[0]}***` : word);
const maskLast = (word: string) => (word.length > 1 ? `${word[0]}***${word[word.length - 1]}` : word);

function maskPhone(phone: string): string {
  const match = /^(\(\+\d+\))?(\d+)$/.exec(phone);
  if (!match) return phone;
  const digits = match[2] ?? "";
  return `${match[1] ?? ""}${digits.slice(0, 3)}*****${digits.slice(-2)}`;
}
