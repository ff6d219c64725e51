import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { TikTokConnectionSummary } from "~/tiktok/connection-summary.server";

type Props = { summary: TikTokConnectionSummary; justConnected: boolean };

const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });

/** The TikTok shop this store's orders come from: connect, see its state, disconnect. */
export function TikTokConnectionCard({ summary, justConnected }: Props) {
  const connect = useFetcher<{ error?: string }>();
  const disconnect = useFetcher();
  const { connection } = summary;

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          TikTok Shop
        </Text>
        {connect.data?.error && <Banner tone="critical">{connect.data.error}</Banner>}
        {!summary.configured && (
          <Banner tone="warning">
            The app has no TikTok Shop credentials yet: set TIKTOK_APP_KEY, TIKTOK_APP_SECRET and
            TIKTOK_SERVICE_ID.
          </Banner>
        )}
        {connection ? (
          <>
            {justConnected && !connection.deauthorizedAt && (
              <Banner tone="success">
                TikTok shop connected. New orders will appear on the Orders page.
              </Banner>
            )}
            {connection.deauthorizedAt ? (
              <Banner tone="critical" title="TikTok Shop access was revoked">
                The seller revoked this app in TikTok Shop on {formatDate(connection.deauthorizedAt)}. No
                orders arrive until you connect again.
              </Banner>
            ) : (
              connection.expiresSoon &&
              connection.expiresAt && (
                <Banner tone="warning" title="TikTok Shop authorization expires soon">
                  TikTok asks sellers to authorize apps again every year. Connect again before{" "}
                  {formatDate(connection.expiresAt)} so orders keep arriving.
                </Banner>
              )
            )}
            <BlockStack gap="100">
              <Text as="p" variant="bodyMd" fontWeight="semibold">
                {connection.shopName}
              </Text>
              <Text as="p" tone="subdued">
                Region {connection.region} · connected since {formatDate(connection.connectedAt)}
              </Text>
              <Text as="p" tone="subdued">
                Orders placed before the connection are not synced on their own; Sync adds them.
              </Text>
            </BlockStack>
            <InlineStack gap="200">
              <Button
                onClick={() => connect.submit(null, { method: "post", action: "/app/tiktok/connect" })}
                loading={connect.state !== "idle"}
                disabled={!summary.configured}
              >
                Connect again
              </Button>
              <Button
                tone="critical"
                onClick={() => disconnect.submit(null, { method: "post", action: "/app/tiktok/disconnect" })}
                loading={disconnect.state !== "idle"}
              >
                Disconnect
              </Button>
            </InlineStack>
          </>
        ) : (
          <>
            <Text as="p">
              Connect your TikTok shop to bring its orders into Shopify. Orders placed from now on are synced
              automatically.
            </Text>
            <InlineStack>
              <Button
                variant="primary"
                onClick={() => connect.submit(null, { method: "post", action: "/app/tiktok/connect" })}
                loading={connect.state !== "idle"}
                disabled={!summary.configured}
              >
                Connect TikTok Shop
              </Button>
            </InlineStack>
          </>
        )}
      </BlockStack>
    </Card>
  );
}
