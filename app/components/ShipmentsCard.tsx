import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Link, Text } from "@shopify/polaris";
import type { shipmentSyncAction } from "~/pages/shipment-actions.server";
import type { ShipmentView, ShippingView } from "~/pages/shipments-view.server";
import { ApprovalBanner } from "./ApprovalBanner";
import { LocalTime } from "./LocalTime";
import { TikTokShippingPackages } from "./TikTokShippingPackages";
import type { Notice } from "./sync-outcome";
import { answerNotice, useFetcherAnswer } from "./use-fetcher-answer";

/** The way back: each Shopify fulfilment of the order and what TikTok has of it. */
export function ShipmentsCard({
  approvalNeeded,
  tiktokOrderId,
  shipping,
  onNotice,
}: {
  /** The store hasn't approved reading fulfilments yet: none reach the app. */
  approvalNeeded: boolean;
  tiktokOrderId: string;
  shipping: ShippingView;
  onNotice: (notice: Notice) => void;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {shipping.shippedBy === "TikTok" ? "TikTok Shipping" : "Tracking to TikTok"}
        </Text>
        {shipping.shipBy && !shipping.shipByWarning && (
          <Text as="p" tone="subdued">
            TikTok expects it shipped by <LocalTime iso={shipping.shipBy} />
          </Text>
        )}
        {shipping.shippedBy === "TikTok" && (
          <Text as="p">
            TikTok Shipping carries this order: arrange the pickup or drop-off and print the label here. Once
            TikTok has its tracking number, the app writes it into Shopify as a fulfilment.
          </Text>
        )}
        {shipping.packages.length > 0 && (
          <TikTokShippingPackages
            tiktokOrderId={tiktokOrderId}
            packages={shipping.packages}
            onNotice={onNotice}
          />
        )}
        {approvalNeeded && shipping.shippedBy !== "TikTok" && <ApprovalBanner compact />}
        {!approvalNeeded && shipping.shippedBy !== "TikTok" && shipping.shipments.length === 0 && (
          <Text as="p" tone="subdued">
            Not fulfilled in Shopify yet. When you fulfil it there with a tracking number, the app sends the
            number to TikTok and TikTok marks the order shipped.
          </Text>
        )}
        {shipping.shipments.map((shipment) => (
          <ShipmentRow key={shipment.id} shipment={shipment} onNotice={onNotice} />
        ))}
        {shipping.merchantRefunds.length > 0 && (
          <Banner tone="warning" title="Refunded in Shopify, not on TikTok">
            <BlockStack gap="100">
              {shipping.merchantRefunds.map((refund) => (
                <Text as="p" key={refund.id}>
                  {refund.amount} {refund.currency ?? ""} refunded in Shopify on <LocalTime iso={refund.at} />
                  .
                </Text>
              ))}
              <Text as="p">
                TikTok doesn't hear of refunds made in Shopify: the buyer paid TikTok, and TikTok refunds
                them. To give the buyer money back, refund them in TikTok Seller Center.
              </Text>
            </BlockStack>
          </Banner>
        )}
        {shipping.returns.length > 0 && (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Returns and refunds on TikTok
            </Text>
            {shipping.returns.map((found) => (
              <Text as="p" key={found.returnId}>
                {found.text}
              </Text>
            ))}
          </BlockStack>
        )}
        {shipping.refunds.map((refund) => (
          <Text as="p" key={refund.returnId}>
            {refund.text} (<LocalTime iso={refund.at} />)
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}

function ShipmentRow({ shipment, onNotice }: { shipment: ShipmentView; onNotice: (notice: Notice) => void }) {
  const sync = useFetcher<typeof shipmentSyncAction>();
  useFetcherAnswer(sync, (answer) => onNotice(answerNotice(answer)));
  const tracking = [shipment.trackingCompany, shipment.trackingNumber].filter(Boolean).join(" ");
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="center" align="space-between">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {shipment.name}
          </Text>
          <Badge tone={shipment.tone === "info" ? undefined : shipment.tone}>{shipment.statusText}</Badge>
        </InlineStack>
        {shipment.canSync && (
          <Button
            onClick={() =>
              sync.submit(
                { shipmentId: shipment.id },
                { method: "post", action: "/app/shipments/sync", encType: "application/json" },
              )
            }
            loading={sync.state !== "idle"}
            accessibilityLabel={`Sync ${shipment.name} to TikTok`}
          >
            Sync
          </Button>
        )}
      </InlineStack>
      <Text as="p">Tracking in Shopify: {tracking || "none"}</Text>
      {shipment.packageId && (
        <Text as="p" tone="subdued">
          TikTok package {shipment.packageId}
          {shipment.providerName ? `, shipped with ${shipment.providerName}` : ""}
          {shipment.shippedAt && (
            <>
              {" "}
              on <LocalTime iso={shipment.shippedAt} />
            </>
          )}
        </Text>
      )}
      {shipment.reason && shipment.status !== "SHIPPED" && (
        <Banner tone={shipment.tone === "critical" ? "critical" : "warning"} title={shipment.reason.title}>
          <BlockStack gap="100">
            {shipment.reason.detail && (
              <Text as="p">
                {shipment.status === "FAILED"
                  ? `TikTok said: “${shipment.reason.detail}”`
                  : shipment.reason.detail}
              </Text>
            )}
            <Text as="p">{shipment.reason.howToResolve}</Text>
            {shipment.reason.fixIn === "settings" && (
              <Link url="/app/settings#carriers">Fix in Settings &gt; Carriers</Link>
            )}
          </BlockStack>
        </Banner>
      )}
      {shipment.reason && shipment.status === "SHIPPED" && (
        <Text as="p" tone="subdued">
          {shipment.reason.howToResolve}
        </Text>
      )}
    </BlockStack>
  );
}
