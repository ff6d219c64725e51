import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AttemptTimeline } from "~/components/AttemptTimeline";
import { CancelRequestBanner } from "~/components/CancelRequestBanner";
import { SellerCancelBanner } from "~/components/SellerCancelBanner";
import { ShipByBanner } from "~/components/ShipByBanner";
import { LocalTime } from "~/components/LocalTime";
import { MoneyComparison } from "~/components/MoneyComparison";
import { NoticeBanner } from "~/components/NoticeBanner";
import { OrderLines } from "~/components/OrderLines";
import { OrderStatusCard } from "~/components/OrderStatusCard";
import { RawOrderJson } from "~/components/RawOrderJson";
import { ShipmentsCard } from "~/components/ShipmentsCard";
import { SyncStatusBadge } from "~/components/SyncStatusBadge";
import { SyncNotices } from "~/components/SyncNotices";
import { useNotice } from "~/components/use-notice";
import { syncButtonAction, tiktokOrderIdSchema } from "~/pages/manual-sync.server";
import { loadOrderDetail } from "~/pages/order-detail.server";
import { grantsScope, WAY_BACK_SCOPE } from "~/lib/scopes";
import { authenticateAdmin } from "~/shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  const id = tiktokOrderIdSchema.safeParse(params.id);
  const order = id.success ? await loadOrderDetail(session.shop, id.data) : null;
  if (!order) throw data("This order doesn't exist in your store.", { status: 404 });
  return { order, approvalNeeded: !grantsScope(session.scope, WAY_BACK_SCOPE) };
};

// Sync, from this page or from a row of the Orders list: runs syncOrder now and answers its outcome.
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return syncButtonAction(session.shop, params.id);
};

export default function OrderPage() {
  const { order, approvalNeeded } = useLoaderData<typeof loader>();
  const { notice, notify, dismiss } = useNotice();
  return (
    <SyncNotices onNotice={notify}>
      <Page
        title={`Order ${order.tiktokOrderId}`}
        titleMetadata={<SyncStatusBadge status={order.status} attention={order.attention} />}
        subtitle={order.summary ? `${order.summary.total.amount} ${order.summary.total.currency}` : undefined}
        backAction={{ content: "Orders", url: "/app/orders" }}
      >
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <NoticeBanner notice={notice} onDismiss={dismiss} />
              {order.sellerCancel && (
                <SellerCancelBanner
                  tiktokOrderId={order.tiktokOrderId}
                  state={order.sellerCancel}
                  onNotice={notify}
                />
              )}
              {order.cancelRequest && (
                <CancelRequestBanner
                  tiktokOrderId={order.tiktokOrderId}
                  request={order.cancelRequest}
                  onNotice={notify}
                />
              )}
              <OrderStatusCard order={order} />
              {order.shipping.shipByWarning && (
                <ShipByBanner
                  warning={order.shipping.shipByWarning}
                  inShopify={order.shopifyOrder !== null}
                />
              )}
              <Card padding="0">
                <OrderLines lines={order.lines} />
              </Card>
              {(order.shopifyOrder || order.shipping.packages.length > 0) && (
                <ShipmentsCard
                  approvalNeeded={approvalNeeded}
                  tiktokOrderId={order.tiktokOrderId}
                  shipping={order.shipping}
                  onNotice={notify}
                />
              )}
              {order.money && (
                <Card>
                  <MoneyComparison money={order.money} />
                </Card>
              )}
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Sync attempts
                  </Text>
                  <AttemptTimeline attempts={order.attempts} />
                </BlockStack>
              </Card>
              <Card>
                <RawOrderJson json={order.raw} />
              </Card>
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  On TikTok
                </Text>
                {order.tiktokShop && <Text as="p">Shop: {order.tiktokShop}</Text>}
                <Text as="p">
                  Placed <LocalTime iso={order.createdAt} />
                </Text>
                <Text as="p">Status: {order.tiktokStatusText}</Text>
                <Text as="p">
                  {order.fulfilledBy === "you" && order.shipping.shippedBy === "TikTok"
                    ? "Shipped by you, with TikTok Shipping's carrier"
                    : order.fulfilledBy
                      ? `Shipped by ${order.fulfilledBy}`
                      : `Fulfilment: ${order.fulfillmentType}`}
                </Text>
                {order.delivery && <Text as="p">Delivery: {order.delivery}</Text>}
                {order.orderType && <Text as="p">Order type: {order.orderType}</Text>}
                {order.replaces && (
                  <Text as="p">
                    {order.replaces.kind === "replacement" ? "Replacement" : "Exchange"}
                    {order.replaces.original ? ` for TikTok order ${order.replaces.original}` : ""}: the buyer
                    was not charged again.
                  </Text>
                )}
                {order.payment && (
                  <Text as="p">
                    Payment:{" "}
                    {order.payment.cod ? "Cash on delivery" : (order.payment.method ?? "Paid on TikTok")}
                  </Text>
                )}
                {order.summary?.buyer && <Text as="p">Buyer {order.summary.buyer}</Text>}
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      </Page>
    </SyncNotices>
  );
}

// An order of another store, or no order at all, is a 404 page; Shopify's auth responses pass through.
export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404)
    return (
      <Page backAction={{ content: "Orders", url: "/app/orders" }} title="Order not found">
        <Card>
          <EmptyState
            heading="This order isn't in your store"
            action={{ content: "Back to Orders", url: "/app/orders" }}
            image=""
          >
            <p>Check the TikTok order ID, or find the order on the Orders page.</p>
          </EmptyState>
        </Card>
      </Page>
    );
  return boundary.error(error);
}
