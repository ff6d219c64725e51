import { Badge, BlockStack, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { MoneyComparison as Comparison, MoneyRow } from "~/pages/money-comparison";

/**
 * Money as TikTok sent it next to what the app sends to Shopify, which must come to the same total; in
 * TikTok's currency, with the store's own total beside it when the store's currency is another.
 */
export function MoneyComparison({ money }: { money: Comparison }) {
  const shopify = money.shopify;
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          TikTok sent ({money.currency})
        </Text>
        <Rows rows={money.tiktok} />
      </BlockStack>
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingSm">
            Sent to Shopify
          </Text>
          {shopify.ok && (
            <Badge tone={shopify.matches ? "success" : "critical"}>
              {shopify.matches ? "Totals match" : "Totals differ"}
            </Badge>
          )}
        </InlineStack>
        {shopify.ok ? (
          <Rows rows={shopify.rows} />
        ) : (
          <Text as="p" tone="subdued">
            Not computed yet: {shopify.message}
          </Text>
        )}
        {money.converted && <Converted currency={money.currency} converted={money.converted} />}
        <Text as="p" tone="subdued" variant="bodySm">
          Computed with today&apos;s settings and product links.
        </Text>
      </BlockStack>
    </InlineGrid>
  );
}

// The store keeps its books in its own currency: say what Shopify records there, and at which rate.
function Converted({
  currency,
  converted: { shopCurrency, rate, total },
}: {
  currency: string;
  converted: NonNullable<Comparison["converted"]>;
}) {
  return (
    <Text as="p">
      {`Shopify records ${total} ${shopCurrency} at 1 ${currency} = ${rate} ${shopCurrency}, the rate in Settings. The amounts above are in ${currency}, as the buyer paid.`}
    </Text>
  );
}

function Rows({ rows }: { rows: MoneyRow[] }) {
  // What is zero says nothing: the totals always show. TikTok's own field name is there on hover, for support.
  const shown = rows.filter((row) => !/^0+(\.0+)?$/.test(row.amount) || /^(Sub)?total$/i.test(row.label));
  return (
    <BlockStack gap="150">
      {shown.map((row) => (
        <InlineStack
          key={row.field ?? row.label}
          align="space-between"
          blockAlign="start"
          gap="200"
          wrap={false}
        >
          <span title={row.field}>
            <Text as="span">{row.label}</Text>
          </span>
          <Text as="span" numeric fontWeight={row.label === "Total" ? "semibold" : "regular"}>
            {row.amount}
          </Text>
        </InlineStack>
      ))}
    </BlockStack>
  );
}
