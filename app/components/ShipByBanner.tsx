import { Banner, BlockStack, Text } from "@shopify/polaris";
import type { ShipByWarning } from "~/fulfillment/ship-by";
import { SHIPMENT_REASONS } from "~/fulfillment/reasons";
import { LocalTime } from "./LocalTime";

/** An order not shipped yet, near or past TikTok's ship-by time: by when, and what to do now. */
export function ShipByBanner({ warning, inShopify }: { warning: ShipByWarning; inShopify: boolean }) {
  const first = inShopify ? "" : "First resolve what keeps it from Shopify (above) and Sync it. ";
  return (
    <Banner
      tone={warning.past ? "critical" : "warning"}
      title={warning.past ? SHIPMENT_REASONS.PAST_SHIP_BY.title : warning.text}
    >
      <BlockStack gap="100">
        <Text as="p">
          TikTok {warning.past ? "expected" : "expects"} it shipped by <LocalTime iso={warning.at} />
          {warning.past ? ` (${warning.text.replace(/^Past TikTok's ship-by time by /, "")} ago).` : "."}
        </Text>
        <Text as="p">
          {first}
          {warning.past
            ? SHIPMENT_REASONS.PAST_SHIP_BY.howToResolve
            : "Ship it before then: fulfil it in Shopify with a tracking number (or arrange TikTok Shipping on this page), and the app sends it to TikTok at once. After that time TikTok counts it late."}
        </Text>
      </BlockStack>
    </Banner>
  );
}
