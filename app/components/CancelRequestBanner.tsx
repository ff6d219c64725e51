import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, InlineStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import type { answerCancelRequest, CancelRequestView } from "~/pages/cancel-requests.server";
import { LocalTime } from "./LocalTime";
import type { Notice } from "./sync-outcome";
import { answerNotice, useFetcherAnswer } from "./use-fetcher-answer";

type Props = { tiktokOrderId: string; request: CancelRequestView; onNotice: (notice: Notice) => void };

/** The buyer asked TikTok to cancel the order: the merchant approves or rejects it here. */
export function CancelRequestBanner({ tiktokOrderId, request, onNotice }: Props) {
  const answer = useFetcher<typeof answerCancelRequest>();
  const [reason, setReason] = useState("");
  useFetcherAnswer(answer, (said) => onNotice(answerNotice(said)));
  if (!request.pending)
    return (
      <Banner tone="info" title="Cancellation request">
        <Text as="p">{request.outcome}</Text>
      </Banner>
    );
  const send = (body: Record<string, string>) =>
    answer.submit(
      { tiktokOrderId, ...body },
      { method: "post", action: "/app/cancellations", encType: "application/json" },
    );
  const busy = answer.state !== "idle";
  return (
    <Banner tone="warning" title="The buyer asked to cancel this order">
      <BlockStack gap="300">
        <Text as="p">
          {request.requestedAt && (
            <>
              Asked <LocalTime iso={request.requestedAt} />.{" "}
            </>
          )}
          Approve it and TikTok cancels the order and refunds the buyer; the app then cancels it in Shopify.
          Reject it if the order is already packed or handed to the carrier.
        </Text>
        <InlineStack gap="200" blockAlign="end">
          <Button variant="primary" loading={busy} onClick={() => send({ intent: "approve" })}>
            Approve cancellation
          </Button>
          {request.rejectReasons ? (
            <>
              <Select
                label="Reason to reject"
                options={[
                  { label: "Choose a reason", value: "" },
                  ...request.rejectReasons.map((r) => ({ label: r.text || r.name, value: r.name })),
                ]}
                value={reason}
                onChange={setReason}
              />
              <Button
                disabled={!reason || busy}
                onClick={() => send({ intent: "reject", rejectReason: reason })}
              >
                Reject
              </Button>
            </>
          ) : (
            <Text as="p" tone="subdued">
              {`Rejecting needs TikTok's reasons, which couldn't be read: ${request.problem ?? "try again"}.`}
            </Text>
          )}
        </InlineStack>
      </BlockStack>
    </Banner>
  );
}
