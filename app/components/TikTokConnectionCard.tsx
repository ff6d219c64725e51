import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  Divider,
  InlineStack,
  Select,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import type {
  chooseTikTokShops,
  disconnectTikTokShop,
  saveTikTokShopAutoSync,
  startTikTokConnection,
} from "~/pages/settings.server";
import type { TikTokConnectionSummary, TikTokShopView } from "~/tiktok/connection-summary.server";
import { TikTokConnectionDisconnectModal } from "./TikTokConnectionDisconnectModal";
import type { Notice } from "./sync-outcome";
import { useFetcherAnswer as useAnswer } from "./use-fetcher-answer";

type Props = {
  summary: TikTokConnectionSummary;
  /** The store's own auto-sync, which a shop follows unless set otherwise. */
  storeAutoSync: boolean;
  justConnected: boolean;
  onNotice: (notice: Notice) => void;
};

const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });

/** The TikTok shops this store's orders come from: connect, pick among those TikTok granted, disconnect each. */
export function TikTokConnectionCard({ summary, storeAutoSync, justConnected, onNotice }: Props) {
  const connect = useFetcher<typeof startTikTokConnection>();
  const disconnect = useFetcher<typeof disconnectTikTokShop>();
  // The choice's answer is told here: once it is made, the page reloads without the choice.
  const choose = useFetcher<typeof chooseTikTokShops>();
  const [confirming, setConfirming] = useState<TikTokShopView | null>(null);
  const { connections, choice } = summary;
  const startConnect = () => connect.submit(null, { method: "post", action: "/app/tiktok/connect" });
  const needsReconnect = connections.some((c) => c.deauthorizedAt || c.expiresSoon);

  useAnswer(choose, (answer) =>
    onNotice(
      answer.ok ? { tone: "success", message: answer.message } : { tone: "critical", message: answer.error },
    ),
  );
  useAnswer(disconnect, (answer) => {
    if (answer.ok) {
      onNotice({ tone: "success", message: `${confirming?.shopName ?? "TikTok shop"} disconnected` });
      setConfirming(null);
    } else onNotice({ tone: "critical", message: answer.error });
  });

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
        {choice && <ChooseShops choice={choice} choose={choose} />}
        {justConnected && connections.some((c) => !c.deauthorizedAt) && (
          <Banner tone="success">TikTok shop connected. New orders will appear on the Orders page.</Banner>
        )}
        {connections.length > 0 ? (
          <>
            {connections.map((connection, index) => (
              <BlockStack gap="300" key={connection.tiktokShopId}>
                {index > 0 && <Divider />}
                <ConnectedShop
                  connection={connection}
                  storeAutoSync={storeAutoSync}
                  onDisconnect={() => setConfirming(connection)}
                  onNotice={onNotice}
                />
              </BlockStack>
            ))}
            <Divider />
            <Text as="p" tone="subdued">
              Orders placed before a shop was connected are not synced on their own; Sync adds them. Selling
              in another market? Connect again and pick its TikTok shop too.
            </Text>
            <InlineStack gap="200">
              <Button
                variant={needsReconnect ? "primary" : undefined}
                onClick={startConnect}
                loading={connect.state !== "idle"}
                disabled={!summary.configured}
              >
                Connect again
              </Button>
            </InlineStack>
          </>
        ) : (
          <>
            <Text as="p">
              Connect your TikTok shop to bring its orders into Shopify. Orders placed from now on are synced
              automatically. With a TikTok shop in each market, connect them all: TikTok lets you pick.
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
        shopName={confirming?.shopName ?? null}
        busy={disconnect.state !== "idle"}
        onCancel={() => setConfirming(null)}
        onDisconnect={() =>
          confirming &&
          disconnect.submit(
            { tiktokShopId: confirming.tiktokShopId },
            { method: "post", action: "/app/tiktok/disconnect", encType: "application/json" },
          )
        }
      />
    </Card>
  );
}

const AUTO_SYNC_OPTIONS = (storeAutoSync: boolean) => [
  { label: `As the store's setting (${storeAutoSync ? "on" : "off"})`, value: "store" },
  { label: "On", value: "on" },
  { label: "Off", value: "off" },
];

/** One connected TikTok shop: its state, its own auto-sync, and Disconnect. */
function ConnectedShop({
  connection,
  storeAutoSync,
  onDisconnect,
  onNotice,
}: {
  connection: TikTokShopView;
  storeAutoSync: boolean;
  onDisconnect: () => void;
  onNotice: (notice: Notice) => void;
}) {
  const autoSync = useFetcher<typeof saveTikTokShopAutoSync>();
  useAnswer(autoSync, (answer) =>
    onNotice(
      answer.ok ? { tone: "success", message: answer.message } : { tone: "critical", message: answer.error },
    ),
  );
  const saved = connection.autoSync === null ? "store" : connection.autoSync ? "on" : "off";
  const pending = autoSync.json as { autoSync?: string } | undefined;
  const value = autoSync.state !== "idle" && pending?.autoSync ? pending.autoSync : saved;
  return (
    <BlockStack gap="200">
      {connection.deauthorizedAt ? (
        <Banner tone="critical" title={`${connection.shopName}: access was revoked`}>
          The seller revoked this app in TikTok Shop on {formatDate(connection.deauthorizedAt)}. No orders
          arrive from this shop until you connect it again.
        </Banner>
      ) : (
        connection.expiresSoon &&
        connection.expiresAt && (
          <Banner tone="warning" title={`${connection.shopName}: authorization expires soon`}>
            TikTok asks sellers to authorize apps again every year. Connect again before{" "}
            {formatDate(connection.expiresAt)} so orders keep arriving.
          </Banner>
        )
      )}
      <InlineStack align="space-between" blockAlign="start" gap="300">
        <BlockStack gap="100">
          <Text as="p" variant="bodyMd" fontWeight="semibold">
            {connection.shopName}
          </Text>
          <Text as="p" tone="subdued">
            Region {connection.region} · connected since {formatDate(connection.connectedAt)}
          </Text>
        </BlockStack>
        <InlineStack gap="200" blockAlign="end">
          <Box minWidth="220px">
            <Select
              label={`Auto-sync for ${connection.shopName}`}
              labelHidden={false}
              options={AUTO_SYNC_OPTIONS(storeAutoSync)}
              value={value}
              disabled={autoSync.state !== "idle"}
              onChange={(next) =>
                autoSync.submit(
                  { tiktokShopId: connection.tiktokShopId, autoSync: next },
                  { method: "post", action: "/app/tiktok/auto-sync", encType: "application/json" },
                )
              }
            />
          </Box>
          <Button
            tone="critical"
            onClick={onDisconnect}
            accessibilityLabel={`Disconnect ${connection.shopName}`}
          >
            Disconnect
          </Button>
        </InlineStack>
      </InlineStack>
    </BlockStack>
  );
}

/** TikTok granted several shops: the merchant picks which to connect. */
function ChooseShops({
  choice,
  choose,
}: {
  choice: NonNullable<TikTokConnectionSummary["choice"]>;
  choose: ReturnType<typeof useFetcher<typeof chooseTikTokShops>>;
}) {
  const [picked, setPicked] = useState(() => new Set(choice.shops.map((shop) => shop.tiktokShopId)));
  const toggle = (id: string, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <Banner tone="info" title="Choose the TikTok shops to connect">
      <BlockStack gap="200">
        <Text as="p">
          TikTok gave this app access to {choice.shops.length} shops. Orders of each shop you connect come
          into this Shopify store. This choice is open until {new Date(choice.expiresAt).toLocaleTimeString()}
          .
        </Text>
        {choice.shops.map((shop) => (
          <Checkbox
            key={shop.tiktokShopId}
            label={`${shop.shopName} (${shop.region})${shop.connected ? " · connected" : ""}`}
            checked={picked.has(shop.tiktokShopId)}
            onChange={(on) => toggle(shop.tiktokShopId, on)}
          />
        ))}
        {choose.data && !choose.data.ok && (
          <Text as="p" tone="critical">
            {choose.data.error}
          </Text>
        )}
        <InlineStack>
          <Button
            variant="primary"
            disabled={picked.size === 0}
            loading={choose.state !== "idle"}
            onClick={() =>
              choose.submit(
                { tiktokShopIds: [...picked] },
                { method: "post", action: "/app/tiktok/choose", encType: "application/json" },
              )
            }
          >
            {`Connect ${picked.size === 1 ? "1 shop" : `${picked.size} shops`}`}
          </Button>
        </InlineStack>
      </BlockStack>
    </Banner>
  );
}
