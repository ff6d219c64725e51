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
            New TikTok orders stop arriving until you connect again. Orders placed meanwhile then arrive as
            Blocked, and Sync adds them.
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
