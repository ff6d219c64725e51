import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import type { disconnectTikTokShop, startTikTokConnection } from "~/pages/settings.server";
import type { TikTokConnectionSummary } from "~/tiktok/connection-summary.server";
import { TikTokConnectionDisconnectModal } from "./TikTokConnectionDisconnectModal";
import type { Notice } from "./sync-outcome";

type Props = { summary: TikTokConnectionSummary; justConnected: boolean; onNotice: (notice: Notice) => void };

const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });

/** The TikTok shop this store's orders come from: connect, see its state, disconnect. */
export function TikTokConnectionCard({ summary, justConnected, onNotice }: Props) {
  const connect = useFetcher<typeof startTikTokConnection>();
  const disconnect = useFetcher<typeof disconnectTikTokShop>();
  const [confirming, setConfirming] = useState(false);
  const { connection } = summary;
  const startConnect = () => connect.submit(null, { method: "post", action: "/app/tiktok/connect" });

  // Once disconnected (and the page has reloaded the connection): close the confirmation, say it.
  const told = useRef<unknown>(null);
  useEffect(() => {
    if (disconnect.state !== "idle" || !disconnect.data?.ok || told.current === disconnect.data) return;
    told.current = disconnect.data;
    setConfirming(false);
    onNotice({ tone: "success", message: "TikTok Shop disconnected" });
  }, [disconnect.state, disconnect.data, onNotice]);

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          TikTok Shop
        </Text>
        {connect.data && !connect.data.ok && <Banner tone="critical">{connect.data.error}</Banner>}
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
                onClick={startConnect}
                loading={connect.state !== "idle"}
                disabled={!summary.configured}
              >
                Connect again
              </Button>
              <Button tone="critical" onClick={() => setConfirming(true)}>
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
                onClick={startConnect}
                loading={connect.state !== "idle"}
                disabled={!summary.configured}
              >
                Connect TikTok Shop
              </Button>
            </InlineStack>
          </>
        )}
      </BlockStack>
      <TikTokConnectionDisconnectModal
        shopName={confirming && connection ? connection.shopName : null}
        busy={disconnect.state !== "idle"}
        onCancel={() => setConfirming(false)}
        onDisconnect={() => disconnect.submit(null, { method: "post", action: "/app/tiktok/disconnect" })}
      />
    </Card>
  );
}
