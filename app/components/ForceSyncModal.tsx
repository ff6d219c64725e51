import { BlockStack, List, Modal, Text } from "@shopify/polaris";
import { describeReason, type ForcedReasonCode } from "~/sync/reasons";

export type ForcedCount = { reason: ForcedReasonCode; count: number };

type Props = {
  open: boolean;
  /** The checks Sync forces past, with how many of the orders each applies to. */
  forced: ForcedCount[];
  /** "Sync selected": how many orders are synced in all; absent for one order's Sync. */
  selected?: number;
  onConfirm: () => void;
  onClose: () => void;
};

/**
 * Asked before Sync forces an order past a check (a cancelled order is created and cancelled, one on hold is
 * created without an address): it says exactly what happens, in the catalogue's words.
 */
export function ForceSyncModal({ open, forced, selected, onConfirm, onClose }: Props) {
  const first = forced[0];
  if (!first) return null;
  const bulk = selected !== undefined;
  const orders = (count: number) => (count === 1 ? "1 order" : `${count} orders`);
  const title = bulk ? `Sync ${orders(selected)}?` : describeReason(first.reason).force.title;
  const action = bulk ? `Sync ${orders(selected)}` : describeReason(first.reason).force.action;
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      primaryAction={{ content: action, onAction: onConfirm }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        {bulk ? (
          <BlockStack gap="300">
            <List type="bullet">
              {forced.map(({ reason, count }) => {
                const force = describeReason(reason).force;
                const verb = count === 1 ? "is" : "are";
                return (
                  <List.Item key={reason}>
                    {`${orders(count)} ${verb} ${force.selection}: ${count === 1 ? "it" : "they"} ${verb} ${force.effect}.`}
                  </List.Item>
                );
              })}
            </List>
            {forced.reduce((sum, { count }) => sum + count, 0) < selected && (
              <Text as="p">The other selected orders sync as usual.</Text>
            )}
          </BlockStack>
        ) : (
          <BlockStack gap="200">
            {forced.map(({ reason }) => (
              <Text as="p" key={reason}>
                This order is {describeReason(reason).force.effect}.
              </Text>
            ))}
          </BlockStack>
        )}
      </Modal.Section>
    </Modal>
  );
}
