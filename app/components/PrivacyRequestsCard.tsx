import { useFetcher, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import type { createReportDownload, PrivacyRequestView } from "~/pages/privacy-requests.server";
import { fetchAndSave } from "./download";
import { LocalTime } from "./LocalTime";

/**
 * Settings → Privacy requests: each customer data request Shopify sent, with its report to download once and
 * hand to the customer. The app erases a report when it is downloaded.
 */
export function PrivacyRequestsCard({ requests }: { requests: PrivacyRequestView[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        {requests.length === 0 ? (
          <Text as="p" tone="subdued">
            No customer has asked for their data. When one does, Shopify tells the app, and the report of what
            the app holds for them is here to download and send them.
          </Text>
        ) : (
          <>
            <Text as="p" tone="subdued">
              Download each report and send it to the customer who asked. The app keeps a report until it is
              downloaded, then erases it.
            </Text>
            {requests.map((request) => (
              <PrivacyRequestRow key={request.id} request={request} />
            ))}
          </>
        )}
      </BlockStack>
    </Card>
  );
}

function PrivacyRequestRow({ request }: { request: PrivacyRequestView }) {
  const fetcher = useFetcher<typeof createReportDownload>();
  const revalidator = useRevalidator();
  const started = useRef<unknown>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const data = fetcher.data;

  // The link arrived: fetch the report (the app erases it as it hands it over), save it, then read the list
  // again, which now shows the request as downloaded.
  const revalidate = revalidator.revalidate;
  useEffect(() => {
    if (fetcher.state !== "idle" || !data || !("url" in data) || started.current === data) return;
    started.current = data;
    setSaving(true);
    void fetchAndSave(data.url)
      .catch(() => ({ ok: false as const, message: "The report could not be downloaded. Try again." }))
      .then((saved) => {
        setSaving(false);
        setRefused(saved.ok ? null : saved.message);
        revalidate();
      });
  }, [fetcher.state, data, revalidate]);

  const orders = request.orderCount === 1 ? "1 TikTok order" : `${request.orderCount} TikTok orders`;
  return (
    <BlockStack gap="200">
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <BlockStack gap="050">
          <Text as="p" fontWeight="semibold">
            Customer data request, <LocalTime iso={request.receivedAt} />
          </Text>
          <Text as="p" tone="subdued">
            {request.downloadedAt ? (
              <>
                Downloaded <LocalTime iso={request.downloadedAt} />: the app no longer keeps the report.
              </>
            ) : (
              `The report covers ${orders} held for the customer.`
            )}
          </Text>
        </BlockStack>
        {!request.downloadedAt && (
          <Button
            onClick={() =>
              fetcher.submit(
                { id: request.id },
                { method: "post", action: "/app/privacy-requests", encType: "application/json" },
              )
            }
            loading={fetcher.state !== "idle" || saving}
            accessibilityLabel={`Download the report of the request of ${request.receivedAt.slice(0, 10)}`}
          >
            Download report
          </Button>
        )}
      </InlineStack>
      {data && "error" in data && <Banner tone="critical">{data.error}</Banner>}
      {refused && <Banner tone="critical">{refused}</Banner>}
    </BlockStack>
  );
}
