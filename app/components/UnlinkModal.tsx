import { Modal, Text } from "@shopify/polaris";
import type { SkuRowView } from "~/pages/products.server";

type Props = { sku: SkuRowView | null; onClose: () => void; onUnlink: (sku: SkuRowView) => void };

/** Unlinking stops a SKU's new orders from syncing: the merchant confirms it, knowing what it does. */
export function UnlinkModal({ sku, onClose, onUnlink }: Props) {
  const name = sku ? sku.productTitle || `Product ${sku.productId}` : "";
  return (
    <Modal
      open={sku !== null}
      onClose={onClose}
      title={`Unlink ${name}?`}
      primaryAction={{ content: "Unlink", destructive: true, onAction: () => sku && onUnlink(sku) }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <Text as="p">
          New TikTok orders of {sku?.skuName ? `${name} (${sku.skuName})` : name} will wait as Blocked
          ("Product not linked to Shopify") until you link it again. Orders already in Shopify are not
          changed.
        </Text>
      </Modal.Section>
    </Modal>
  );
}
