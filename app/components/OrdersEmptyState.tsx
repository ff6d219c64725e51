import { Card, EmptyState, Page } from "@shopify/polaris";

/** A store without a TikTok connection is sent to Settings; a connected one is told orders are on their way. */
export function OrdersEmptyState({ connected }: { connected: boolean }) {
  return (
    <Page title="Orders">
      <Card>
        {connected ? (
          <EmptyState heading="No TikTok orders yet" image="">
            <p>Your TikTok shop is connected. Orders placed there appear here within a few minutes.</p>
          </EmptyState>
        ) : (
          <EmptyState
            heading="Connect your TikTok shop"
            action={{ content: "Go to Settings", url: "/app/settings" }}
            image=""
          >
            <p>Connect your TikTok shop in Settings to bring its orders into Shopify.</p>
          </EmptyState>
        )}
      </Card>
    </Page>
  );
}
