import { gid } from "../gid";
import type { ShopState } from "../store";
import { subscriptionView } from "./billing-view";
import { connection, type ConnectionArgs } from "./connection";

/** The shop itself and the app's installation on it (with its billing subscriptions). */

export function shopView(shop: ShopState) {
  return {
    __typename: "Shop",
    id: gid("Shop", 1),
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    url: `https://${shop.domain}`,
    primaryDomain: {
      __typename: "Domain",
      id: gid("Domain", 1),
      host: shop.domain,
      url: `https://${shop.domain}`,
      sslEnabled: true,
    },
    currencyCode: shop.currencyCode,
    enabledPresentmentCurrencies: [shop.currencyCode],
    ianaTimezone: "Etc/UTC",
    timezoneAbbreviation: "UTC",
    timezoneOffset: "+0000",
    timezoneOffsetMinutes: 0,
    taxesIncluded: false,
    taxShipping: false,
    weightUnit: "KILOGRAMS",
    unitSystem: "METRIC_SYSTEM",
    setupRequired: false,
    checkoutApiSupported: true,
    plan: { partnerDevelopment: false, publicDisplayName: "Basic", shopifyPlus: false },
    orderNumberFormatPrefix: "#",
    orderNumberFormatSuffix: "",
    shipsToCountries: [],
  };
}

/** The app's installation: its subscriptions; no one-time purchases (the stand-in doesn't sell any). */
export function appInstallationView(shop: ShopState) {
  return {
    __typename: "AppInstallation",
    id: gid("AppInstallation", 1),
    launchUrl: `https://${shop.domain}/admin/apps/order-sync`,
    uninstallUrl: null,
    accessScopes: [],
    activeSubscriptions: shop.subscriptions
      .filter((record) => record.status === "ACTIVE")
      .map(subscriptionView),
    allSubscriptions: (args: ConnectionArgs) => connection(shop.subscriptions, args, subscriptionView),
    oneTimePurchases: (args: ConnectionArgs) => connection([], args, () => null),
  };
}
