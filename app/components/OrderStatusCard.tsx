import { Badge, Banner, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { OrderDetail } from "~/pages/order-detail.server";
import { attentionView, causeGoneLabel, reasonView } from "./reason-view";
import { LocalTime } from "./LocalTime";
import { FixIn, WaitsUntil } from "./ReasonCell";
import { ShopifyOrderLink } from "./ShopifyOrderLink";
import { SyncButton } from "./SyncButton";

type Props = { order: OrderDetail };

/**
 * Where the order stands: its Shopify order and what followed its create, or its reason with how to resolve
 * it, and Sync. Something to do is a warning (critical once creating failed, with Shopify's refusal in plain
 * words first), a wait is information, an order skipped on purpose is a plain card.
 */
export function OrderStatusCard({ order }: Props) {
  const sync = order.sync && (
    <InlineStack gap="200" blockAlign="center">
      <SyncButton tiktokOrderId={order.tiktokOrderId} state={order.sync} variant="primary" />
      {!order.sync.enabled && (
        <Text as="span" tone="subdued">
          {order.sync.because}
        </Text>
      )}
    </InlineStack>
  );
  if (order.status === "SYNCED") return <InShopify order={order} />;
  if (!order.reasonCode)
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
  const reason = reasonView(order.reasonCode);
  const kind = attentionView(order.attention, order.status);
  const body = (
    <BlockStack gap="200">
      {order.failure && (
        <Text as="p" fontWeight="semibold">
          {order.failure}
        </Text>
      )}
      <InlineStack gap="200" blockAlign="center">
        <Badge tone={kind.tone}>{kind.label}</Badge>
        {order.waitsUntil && (
          <WaitsUntil iso={order.waitsUntil} estimate={order.reasonCode === "ORDER_ON_HOLD"} />
        )}
        <Text as="span" tone="subdued">
          {reason.stage}
        </Text>
      </InlineStack>
      <Text as="p">{reason.howToResolve}</Text>
      {order.causeGone ? (
        <Text as="p" tone="success" fontWeight="medium">
          {causeGoneLabel(order.attention)}
        </Text>
      ) : (
        reason.fix && <FixIn fix={reason.fix} underlined />
      )}
      {sync}
    </BlockStack>
  );
  if (order.attention === "skipped")
    return (
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd" tone="subdued">
            {reason.title}
          </Text>
          {body}
        </BlockStack>
      </Card>
    );
  return (
    <Banner tone={order.attention === "waiting" ? "info" : (kind.tone ?? "warning")} title={reason.title}>
      {body}
    </Banner>
  );
}

/** A cash-on-delivery order is unpaid in Shopify until TikTok reports it delivered. */
function CashOnDelivery({ recordedAt }: { recordedAt: string | null }) {
  if (recordedAt)
    return (
      <Text as="p">
        Paid on delivery: the cash the courier collected is recorded in Shopify as Cash on Delivery (COD), on{" "}
        <LocalTime iso={recordedAt} />.
      </Text>
    );
  return (
    <Text as="p">
      Cash on delivery: unpaid in Shopify until TikTok reports the order delivered; the payment is then
      recorded as Cash on Delivery (COD).
    </Text>
  );
}

function InShopify({ order }: { order: OrderDetail }) {
  const created = order.created;
  const stock = created?.restocked ? "stock restored" : "no stock was taken";
  return (
    <Banner tone="success" title="In Shopify">
      <BlockStack gap="100">
        <Text as="p">
          Created in Shopify as <ShopifyOrderLink order={order.shopifyOrder} />
          {created?.cancelledByMerchant
            ? "; you cancelled it there since."
            : created?.cancelled
              ? ` and cancelled, as on TikTok (${stock}).`
              : "."}
        </Text>
        {created?.addressPending && !created.cancelled && (
          <Text as="p">
            It has no shipping address yet. It is tagged 'TikTok address pending' until TikTok sends the
            address, which is then added.
          </Text>
        )}
        {order.payment?.cod && !created?.cancelled && (
          <CashOnDelivery recordedAt={order.payment.recordedAt} />
        )}
      </BlockStack>
    </Banner>
  );
}
