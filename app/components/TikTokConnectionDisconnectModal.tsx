import { BlockStack, Modal, Text } from "@shopify/polaris";

type Props = { shopName: string | null; busy: boolean; onCancel: () => void; onDisconnect: () => void };

/** Disconnecting stops new orders: the merchant confirms it, knowing what it does and what it leaves alone. */
export function TikTokConnectionDisconnectModal({ shopName, busy, onCancel, onDisconnect }: Props) {
  return (
    <Modal
      open={shopName !== null}
      onClose={onCancel}
      title={`Disconnect ${shopName ?? "TikTok Shop"}?`}
      primaryAction={{ content: "Disconnect", destructive: true, loading: busy, onAction: onDisconnect }}
      secondaryActions={[{ content: "Cancel", onAction: onCancel, disabled: busy }]}
    >
      <Modal.Section>
        <BlockStack gap="200">
          <Text as="p">
            New orders from this TikTok shop stop arriving until you connect it again. Orders placed meanwhile
            then arrive as Blocked, and Sync adds them. Your other TikTok shops are not affected.
          </Text>
          <Text as="p">
            Nothing already synced is touched: Shopify orders stay as they are, and the orders in the app keep
            their history.
          </Text>
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
