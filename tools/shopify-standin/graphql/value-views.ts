import { gid } from "../gid";
import { formatAmount } from "../money";
import type { AddressRecord, AmountSet } from "../store";

/** Values several objects share: MoneyBag (shop and presentment money) and MailingAddress. */

export function moneyBag(
  amount: AmountSet,
  currencies: { currencyCode: string; presentmentCurrencyCode: string },
) {
  return {
    shopMoney: { amount: formatAmount(amount.shop), currencyCode: currencies.currencyCode },
    presentmentMoney: {
      amount: formatAmount(amount.presentment),
      currencyCode: currencies.presentmentCurrencyCode,
    },
  };
}

export function addressView(ownerId: number, address: AddressRecord) {
  const name = [address.firstName, address.lastName].filter(Boolean).join(" ") || null;
  const country = address.country ?? countryName(address.countryCode);
  const area = [address.city, address.provinceCode ?? address.province, address.zip]
    .filter(Boolean)
    .join(" ");
  return {
    __typename: "MailingAddress",
    id: gid("MailingAddress", `${ownerId}?model_name=Address`),
    ...Object.fromEntries(
      (
        [
          "firstName",
          "lastName",
          "company",
          "address1",
          "address2",
          "city",
          "province",
          "provinceCode",
          "zip",
          "phone",
        ] as const
      ).map((key) => [key, address[key] ?? null]),
    ),
    name,
    country,
    countryCodeV2: address.countryCode ?? null,
    formattedArea: [area, country].filter(Boolean).join(", ") || null,
    formatted: () =>
      [name, address.company, address.address1, address.address2, area, country].filter(Boolean),
    coordinatesValidated: false,
    latitude: null,
    longitude: null,
    timeZone: null,
    validationResultSummary: null,
  };
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
// ICU's lookup costs more than the rest of an address view; there are a few hundred region codes.
const countryNames = new Map<string, string>();

function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  let name = countryNames.get(code);
  if (name === undefined) {
    try {
      name = regionNames.of(code) ?? code;
    } catch {
      name = code;
    }
    if (countryNames.size < 1000) countryNames.set(code, name);
  }
  return name;
}
