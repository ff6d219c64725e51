import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, DataTable, Modal, Spinner, Text } from "@shopify/polaris";
import { useEffect } from "react";
import type { autoLinkPreview } from "~/pages/product-actions.server";

type Props = { open: boolean; onClose: () => void; onApply: (skuIds: string[]) => void };

/** Auto-link by seller SKU: first what would be linked, then the merchant applies it. */
export function AutoLinkModal({ open, onClose, onApply }: Props) {
  const preview = useFetcher<typeof autoLinkPreview>();
  const load = preview.load;
  useEffect(() => {
    if (open) load("/app/products/auto-link");
  }, [open, load]);

  const data = preview.state === "idle" ? preview.data : undefined;
  const matches = data?.ok ? data.matches : [];
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Link TikTok SKUs to Shopify variants by SKU"
      primaryAction={{
        content: matches.length === 1 ? "Link 1 SKU" : `Link ${matches.length} SKUs`,
        disabled: matches.length === 0,
        onAction: () => onApply(matches.map((match) => match.skuId)),
      }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        {!data ? (
          <Spinner accessibilityLabel="Looking for matching variants" size="small" />
        ) : !data.ok ? (
          <Banner tone="critical">{data.error}</Banner>
        ) : (
          <BlockStack gap="300">
            <Text as="p">
              A TikTok SKU is linked to the Shopify variant whose SKU is exactly its seller SKU.
            </Text>
            {matches.length > 0 ? (
              <DataTable
                columnContentTypes={["text", "text", "text"]}
                headings={["TikTok SKU", "Seller SKU", "Shopify variant"]}
                rows={matches.map((match) => [match.tiktok, match.sellerSku, match.variant])}
              />
            ) : (
              <Text as="p" tone="subdued">
                No unlinked TikTok SKU has a seller SKU that matches a Shopify variant.
              </Text>
            )}
            {data.ambiguous.length > 0 && (
              <Banner tone="warning" title="Shared SKUs are left for you">
                {data.ambiguous
                  .map((sku) => `${sku.tiktok} (${sku.sellerSku}: ${sku.variants} variants)`)
                  .join(", ")}
              </Banner>
            )}
            <Text as="p" tone="subdued">
              {data.unmatched} without a match, {data.alreadyLinked} already linked.
            </Text>
          </BlockStack>
        )}
      </Modal.Section>
    </Modal>
  );
}
