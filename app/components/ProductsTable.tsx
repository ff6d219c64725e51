import { Badge, BlockStack, Button, IndexTable, InlineStack, Text, useBreakpoints } from "@shopify/polaris";
import type { SkuRowView } from "~/pages/products.server";

type Props = {
  skus: SkuRowView[];
  busy: boolean;
  onLink: (sku: SkuRowView) => void;
  onUnlink: (sku: SkuRowView) => void;
};

function LinkState({ sku }: { sku: SkuRowView }) {
  if (!sku.link) return <Badge tone="warning">Not linked</Badge>;
  const variant = sku.link.variantTitle ?? `Variant ${sku.link.variantId.split("/").at(-1) ?? ""}`;
  if (sku.link.state === "variant_deleted")
    return (
      <BlockStack gap="050">
        <Badge tone="critical">Linked variant deleted</Badge>
        <Text as="span" tone="subdued" variant="bodySm">
          {variant}
        </Text>
      </BlockStack>
    );
  return (
    <BlockStack gap="050">
      <Badge tone="success">Linked</Badge>
      <Text as="span" variant="bodySm">
        {variant}
      </Text>
    </BlockStack>
  );
}

/** TikTok SKUs with their link to a Shopify variant and the orders waiting on each. */
export function ProductsTable({ skus, busy, onLink, onUnlink }: Props) {
  // On a phone each SKU is one stacked row, its Link button in reach.
  const condensed = useBreakpoints().smDown;
  if (condensed)
    return <CondensedProductsTable skus={skus} busy={busy} onLink={onLink} onUnlink={onUnlink} />;
  return (
    <IndexTable
      resourceName={{ singular: "TikTok SKU", plural: "TikTok SKUs" }}
      itemCount={skus.length}
      selectable={false}
      headings={[
        { title: "TikTok product" },
        { title: "Seller SKU" },
        { title: "Shopify variant" },
        { title: "Blocked orders", alignment: "end" },
        { title: "Actions", hidden: true },
      ]}
    >
      {skus.map((sku, index) => (
        <IndexTable.Row id={sku.skuId} key={sku.skuId} position={index}>
          <IndexTable.Cell>
            <BlockStack gap="050">
              <Text as="span" fontWeight="medium">
                {sku.productTitle || `Product ${sku.productId}`}
              </Text>
              <Text as="span" tone="subdued" variant="bodySm">
                {[sku.skuName, `SKU ${sku.skuId}`, sku.tiktokShop].filter(Boolean).join(" · ")}
              </Text>
            </BlockStack>
          </IndexTable.Cell>
          <IndexTable.Cell>{sku.sellerSku ?? ""}</IndexTable.Cell>
          <IndexTable.Cell>
            <LinkState sku={sku} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric tone={sku.blockedOrders > 0 ? "critical" : "subdued"}>
              {sku.blockedOrders}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <SkuActions sku={sku} busy={busy} onLink={onLink} onUnlink={onUnlink} />
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}

function CondensedProductsTable({ skus, busy, onLink, onUnlink }: Props) {
  return (
    <IndexTable
      condensed
      resourceName={{ singular: "TikTok SKU", plural: "TikTok SKUs" }}
      itemCount={skus.length}
      selectable={false}
      headings={[{ title: "TikTok SKU" }]}
    >
      {skus.map((sku, index) => (
        <IndexTable.Row id={sku.skuId} key={sku.skuId} position={index}>
          <div style={{ padding: "var(--p-space-300) var(--p-space-400)" }}>
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="start" gap="200" wrap={false}>
                <BlockStack gap="050">
                  <Text as="span" fontWeight="medium">
                    {sku.productTitle || `Product ${sku.productId}`}
                  </Text>
                  <Text as="span" tone="subdued" variant="bodySm">
                    {[sku.skuName, sku.sellerSku, `SKU ${sku.skuId}`, sku.tiktokShop]
                      .filter(Boolean)
                      .join(" · ")}
                  </Text>
                </BlockStack>
                <SkuActions sku={sku} busy={busy} onLink={onLink} onUnlink={onUnlink} />
              </InlineStack>
              <InlineStack gap="200" blockAlign="center">
                <LinkState sku={sku} />
                {sku.blockedOrders > 0 && (
                  <Text as="span" tone="critical" variant="bodySm">
                    {sku.blockedOrders === 1 ? "1 blocked order" : `${sku.blockedOrders} blocked orders`}
                  </Text>
                )}
              </InlineStack>
            </BlockStack>
          </div>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}

function SkuActions({ sku, busy, onLink, onUnlink }: Omit<Props, "skus"> & { sku: SkuRowView }) {
  const name = [sku.productTitle || `Product ${sku.productId}`, sku.skuName].filter(Boolean).join(", ");
  return (
    <InlineStack gap="200" align="end" wrap={false}>
      <Button
        size="slim"
        onClick={() => onLink(sku)}
        disabled={busy}
        accessibilityLabel={`${sku.link ? "Change" : "Link"} ${name}`}
      >
        {sku.link ? "Change" : "Link"}
      </Button>
      {sku.link && (
        <Button
          size="slim"
          variant="plain"
          tone="critical"
          onClick={() => onUnlink(sku)}
          disabled={busy}
          accessibilityLabel={`Unlink ${name}`}
        >
          Unlink
        </Button>
      )}
    </InlineStack>
  );
}
