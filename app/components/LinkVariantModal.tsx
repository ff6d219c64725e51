import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Modal, ResourceItem, ResourceList, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { findVariantsForLinking } from "~/pages/product-actions.server";
import type { SkuRowView } from "~/pages/products.server";

type Props = { sku: SkuRowView | null; onClose: () => void; onChoose: (variantId: string) => void };

/** A variant search for linking by hand, where App Bridge's resource picker isn't available. */
export function LinkVariantModal({ sku, onClose, onChoose }: Props) {
  const search = useFetcher<typeof findVariantsForLinking>();
  const [text, setText] = useState("");
  const load = search.load;

  useEffect(() => {
    if (sku) setText(sku.sellerSku ?? sku.productTitle);
  }, [sku]);
  useEffect(() => {
    if (!sku || !text.trim()) return;
    const timer = setTimeout(() => load(`/app/products/variants?q=${encodeURIComponent(text)}`), 300);
    return () => clearTimeout(timer);
  }, [sku, text, load]);

  const variants = search.data?.variants ?? [];
  return (
    <Modal open={sku !== null} onClose={onClose} title={`Link ${sku?.productTitle ?? "TikTok SKU"}`}>
      <Modal.Section>
        <BlockStack gap="300">
          <TextField
            label="Search Shopify variants"
            value={text}
            onChange={setText}
            autoComplete="off"
            placeholder="Product title or SKU"
            clearButton
            onClearButtonClick={() => setText("")}
          />
          {search.data?.error && <Banner tone="critical">{search.data.error}</Banner>}
          <ResourceList
            resourceName={{ singular: "variant", plural: "variants" }}
            items={variants}
            loading={search.state === "loading"}
            emptyState={
              <Text as="p" tone="subdued">
                {text.trim() ? "No variant matches." : "Type a product title or SKU."}
              </Text>
            }
            renderItem={(variant) => (
              <ResourceItem
                id={variant.id}
                onClick={() => onChoose(variant.id)}
                accessibilityLabel={`Link ${variant.title}`}
              >
                <Text as="span" fontWeight="medium">
                  {variant.title}
                </Text>
                {variant.sku && (
                  <Text as="p" tone="subdued" variant="bodySm">
                    SKU {variant.sku}
                  </Text>
                )}
              </ResourceItem>
            )}
          />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
