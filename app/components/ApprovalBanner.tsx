import { Banner, Text } from "@shopify/polaris";

/**
 * The store installed the app before it sent tracking to TikTok, and hasn't approved reading fulfilments
 * yet: what waits for the approval, where to give it, and that orders keep syncing meanwhile.
 */
export function ApprovalBanner({ compact = false }: { compact?: boolean }) {
  return (
    <Banner tone="warning" title="Tracking to TikTok waits for your approval">
      <Text as="p">
        {compact
          ? "Approve the app's new permission to read fulfilments (Shopify asks when you open the app from Apps in Shopify admin); this order's tracking is then sent to TikTok."
          : "The app now sends the tracking numbers of your Shopify fulfilments to TikTok, and needs your permission to read fulfilments. Shopify asks for it when you open the app from Apps in Shopify admin. TikTok orders keep syncing meanwhile, and fulfilments made before you approve are sent to TikTok once you do."}
      </Text>
    </Banner>
  );
}
