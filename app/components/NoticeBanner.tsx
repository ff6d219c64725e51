import { Banner } from "@shopify/polaris";
import type { Notice } from "./sync-outcome";

/** Where a toast can't be shown (outside Shopify admin), the same message as a banner. */
export function NoticeBanner({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  if (!notice) return null;
  return (
    <Banner tone={notice.tone} onDismiss={onDismiss}>
      {notice.message}
    </Banner>
  );
}
