import { Badge, IndexTable, Link, Text } from "@shopify/polaris";
import type { LineView, LinkState } from "~/pages/order-detail.server";

const LINK_STATES: Record<LinkState, { label: string; tone: "success" | "warning" | "critical" }> = {
  linked: { label: "Linked", tone: "success" },
  not_linked: { label: "Not linked", tone: "warning" },
  variant_deleted: { label: "Linked variant deleted", tone: "critical" },
};

/** The order's TikTok SKUs with their link to Shopify; a link that needs work leads to Products. */
export function OrderLines({ lines }: { lines: LineView[] }) {
  return (
    <IndexTable
      resourceName={{ singular: "line", plural: "lines" }}
      itemCount={lines.length}
      selectable={false}
      headings={[{ title: "Product" }, { title: "Seller SKU" }, { title: "Quantity" }, { title: "Link" }]}
    >
      {lines.map((line, index) => (
        <IndexTable.Row id={line.skuId} key={line.skuId} position={index}>
          <IndexTable.Cell>
            <Text as="span" fontWeight="medium">
              {line.productName}
            </Text>
            {line.skuName && (
              <Text as="p" tone="subdued" variant="bodySm">
                {line.skuName}
              </Text>
            )}
          </IndexTable.Cell>
          <IndexTable.Cell>{line.sellerSku ?? ""}</IndexTable.Cell>
          <IndexTable.Cell>{line.quantity}</IndexTable.Cell>
          <IndexTable.Cell>
            <Badge tone={LINK_STATES[line.link].tone}>{LINK_STATES[line.link].label}</Badge>{" "}
            <Link url={`/app/products?sku=${encodeURIComponent(line.skuId)}`} removeUnderline>
              {line.link === "linked" ? "View" : "Link in Products"}
            </Link>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
