import { Banner, BlockStack, InlineStack, Text } from "@shopify/polaris";
import type { OrderDetail } from "~/pages/order-detail.server";
import { reasonView } from "./reason-view";
import { FixIn } from "./ReasonCell";
import { ShopifyOrderLink } from "./ShopifyOrderLink";
import { SyncButton } from "./SyncButton";
import type { Notice } from "./sync-outcome";

type Props = { order: OrderDetail; onNotice: (notice: Notice) => void };

/** Where the order stands: its reason with how to resolve it, or its Shopify order, and Sync. */
export function OrderStatusCard({ order, onNotice }: Props) {
  const reason = order.reasonCode ? reasonView(order.reasonCode) : null;
  const sync = order.sync && (
    <InlineStack gap="200" blockAlign="center">
      <SyncButton
        tiktokOrderId={order.tiktokOrderId}
        state={order.sync}
        onNotice={onNotice}
        variant="primary"
      />
      {!order.sync.enabled && (
        <Text as="span" tone="subdued">
          {order.sync.because}
        </Text>
      )}
    </InlineStack>
  );
  if (order.status === "SYNCED")
    return (
      <Banner tone="success" title="In Shopify">
        <Text as="p">
          Synced as <ShopifyOrderLink order={order.shopifyOrder} />.
        </Text>
      </Banner>
    );
  if (!reason)
    return (
      <Banner tone="info" title={order.status === "SYNCING" ? "Syncing" : "Waiting to sync"}>
        <BlockStack gap="200">
          <Text as="p">
            {order.tiktokStatus === "UNPAID"
              ? "TikTok hasn't reported this order paid yet. It syncs once it is."
              : "This order is queued and syncs in a moment."}
          </Text>
          {sync}
        </BlockStack>
      </Banner>
    );
  return (
    <Banner tone={order.status === "FAILED" ? "critical" : "warning"} title={reason.title}>
      <BlockStack gap="200">
        <Text as="p" tone="subdued">
          {reason.stage}
        </Text>
        <Text as="p">{reason.howToResolve}</Text>
        {reason.fix && <FixIn fix={reason.fix} />}
        {sync}
      </BlockStack>
    </Banner>
  );
}
