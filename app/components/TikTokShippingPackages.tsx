import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  ChoiceList,
  InlineStack,
  Link,
  Modal,
  Spinner,
  Text,
} from "@shopify/polaris";
import { useCallback, useEffect, useState } from "react";
import type { TikTokPackage } from "~/fulfillment/tiktok-shipping.server";
import type { tiktokShippingAction, tiktokShippingOptions } from "~/pages/tiktok-shipping.server";
import type { Notice } from "./sync-outcome";
import { answerNotice, useFetcherAnswer } from "./use-fetcher-answer";

type Props = { tiktokOrderId: string; packages: TikTokPackage[]; onNotice: (notice: Notice) => void };

/** TikTok Shipping's packages of the order: arrange each one's pickup or drop-off, then print its label. */
export function TikTokShippingPackages({ tiktokOrderId, packages, onNotice }: Props) {
  const [arranging, setArranging] = useState<TikTokPackage | null>(null);
  return (
    <BlockStack gap="300">
      {packages.map((pkg) => (
        <PackageRow
          key={pkg.packageId}
          tiktokOrderId={tiktokOrderId}
          pkg={pkg}
          onArrange={() => setArranging(pkg)}
          onNotice={onNotice}
        />
      ))}
      {arranging && (
        <ArrangeModal
          tiktokOrderId={tiktokOrderId}
          pkg={arranging}
          onClose={() => setArranging(null)}
          onNotice={onNotice}
        />
      )}
    </BlockStack>
  );
}

const STATE: Record<TikTokPackage["next"], string> = {
  arrange: "To arrange: TikTok's carrier takes it once you choose a pickup or drop-off.",
  "on-hold": "On hold at TikTok: arrange it when the hold ends (about an hour after payment).",
  label: "Arranged",
  none: "Nothing to arrange: TikTok no longer ships this order.",
};

function PackageRow({
  tiktokOrderId,
  pkg,
  onArrange,
  onNotice,
}: {
  tiktokOrderId: string;
  pkg: TikTokPackage;
  onArrange: () => void;
  onNotice: (notice: Notice) => void;
}) {
  const label = useFetcher<typeof tiktokShippingAction>();
  useFetcherAnswer(label, (answer) => onNotice(answerNotice(answer)));
  const url = label.data && label.data.ok && "url" in label.data ? label.data.url : null;
  return (
    <BlockStack gap="150">
      <InlineStack gap="200" align="space-between" blockAlign="center">
        <Text as="h3" variant="headingSm">
          TikTok package {pkg.packageId}
        </Text>
        {pkg.next === "arrange" && (
          <Button variant="primary" onClick={onArrange}>
            Arrange shipment
          </Button>
        )}
        {pkg.next === "label" && (
          <Button
            onClick={() =>
              label.submit(
                { intent: "label", tiktokOrderId, packageId: pkg.packageId },
                { method: "post", action: "/app/tiktok-shipping", encType: "application/json" },
              )
            }
            loading={label.state !== "idle"}
          >
            Print label
          </Button>
        )}
      </InlineStack>
      <Text as="p">{pkg.items}</Text>
      <Text as="p" tone={pkg.next === "label" ? undefined : "subdued"}>
        {pkg.trackingNumber
          ? `${STATE[pkg.next]}: ${pkg.carrier ?? "TikTok's carrier"} ${pkg.trackingNumber}`
          : STATE[pkg.next]}
      </Text>
      {url && (
        <Link url={url} target="_blank">
          Open the shipping label (PDF)
        </Link>
      )}
    </BlockStack>
  );
}

/** TikTok's handover choices for one package, loaded when the dialog opens; Arrange books it. */
function ArrangeModal({
  tiktokOrderId,
  pkg,
  onClose,
  onNotice,
}: {
  tiktokOrderId: string;
  pkg: TikTokPackage;
  onClose: () => void;
  onNotice: (notice: Notice) => void;
}) {
  const options = useFetcher<typeof tiktokShippingOptions>();
  const arrange = useFetcher<typeof tiktokShippingAction>();
  const [method, setMethod] = useState<"PICKUP" | "DROP_OFF" | null>(null);
  const [slot, setSlot] = useState<string | null>(null);
  const load = options.load;
  useEffect(() => {
    load(`/app/tiktok-shipping?order=${tiktokOrderId}&package=${pkg.packageId}`);
  }, [load, tiktokOrderId, pkg.packageId]);

  const offered = options.data?.ok ? options.data.options : null;
  useEffect(() => {
    if (!offered || method) return;
    setMethod(
      offered.canPickup && offered.pickupSlots.length > 0 ? "PICKUP" : offered.canDropOff ? "DROP_OFF" : null,
    );
  }, [offered, method]);
  useEffect(() => {
    if (offered && !slot && offered.pickupSlots[0])
      setSlot(`${offered.pickupSlots[0].start}-${offered.pickupSlots[0].end}`);
  }, [offered, slot]);

  const answered = useCallback(
    (answer: { ok: true; message: string } | { ok: false; error: string }) => {
      onNotice(answerNotice(answer));
      if (answer.ok) onClose();
    },
    [onNotice, onClose],
  );
  useFetcherAnswer(arrange, answered);

  const submit = () => {
    const [slotStart = 0, slotEnd = 0] = (slot ?? "").split("-").map(Number);
    arrange.submit(
      method === "PICKUP"
        ? { intent: "arrange", tiktokOrderId, packageId: pkg.packageId, method, slotStart, slotEnd }
        : { intent: "arrange", tiktokOrderId, packageId: pkg.packageId, method: "DROP_OFF" },
      { method: "post", action: "/app/tiktok-shipping", encType: "application/json" },
    );
  };

  const methods = [
    ...(offered?.canPickup && offered.pickupSlots.length > 0
      ? [{ label: "Pickup: TikTok's carrier collects it", value: "PICKUP" }]
      : []),
    ...(offered?.canDropOff
      ? [{ label: "Drop-off: you take it to a drop-off point", value: "DROP_OFF" }]
      : []),
  ];
  return (
    <Modal
      open
      onClose={onClose}
      title={`Arrange TikTok package ${pkg.packageId}`}
      primaryAction={{
        content: method === "DROP_OFF" ? "Arrange drop-off" : "Book pickup",
        onAction: submit,
        disabled: !method || (method === "PICKUP" && !slot),
        loading: arrange.state !== "idle",
      }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Text as="p">{pkg.items}</Text>
          {options.state !== "idle" && !options.data && (
            <Spinner size="small" accessibilityLabel="Asking TikTok" />
          )}
          {options.data && !options.data.ok && <Banner tone="critical">{options.data.error}</Banner>}
          {arrange.data && !arrange.data.ok && <Banner tone="critical">{arrange.data.error}</Banner>}
          {offered && methods.length === 0 && (
            <Banner tone="warning">TikTok offers no pickup or drop-off for this package now.</Banner>
          )}
          {methods.length > 0 && (
            <ChoiceList
              title="How the parcel leaves"
              choices={methods}
              selected={method ? [method] : []}
              onChange={([value]) => setMethod(value === "DROP_OFF" ? "DROP_OFF" : "PICKUP")}
            />
          )}
          {method === "PICKUP" && offered && (
            <ChoiceList
              title="Pickup window"
              choices={offered.pickupSlots.map((candidate) => ({
                label: windowInWords(candidate.start, candidate.end),
                value: `${candidate.start}-${candidate.end}`,
              }))}
              selected={slot ? [slot] : []}
              onChange={([value]) => setSlot(value ?? null)}
            />
          )}
          {method === "DROP_OFF" && offered?.dropOffPointUrl && (
            <Link url={offered.dropOffPointUrl} target="_blank">
              Find a drop-off point
            </Link>
          )}
          <Text as="p" tone="subdued">
            TikTok books its carrier and gives the tracking number; the app writes it into Shopify as a
            fulfilment, without e-mailing the buyer.
          </Text>
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

/** "Tue, Dec 8, 9:00 AM – 12:00 PM", in the merchant's time zone. */
function windowInWords(start: number, end: number): string {
  const from = new Date(start * 1000);
  const day = from.toLocaleDateString(undefined, { weekday: "short", month: "short", day: "numeric" });
  const time = (date: Date) => date.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  return `${day}, ${time(from)} – ${time(new Date(end * 1000))}`;
}
