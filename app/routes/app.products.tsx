import { readJsonBody } from "~/lib/read-limited-body.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Card, EmptyState, InlineStack, Page, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import { AutoLinkModal } from "~/components/AutoLinkModal";
import { LinkVariantModal } from "~/components/LinkVariantModal";
import { NoticeBanner } from "~/components/NoticeBanner";
import { pickVariant, resourcePicker } from "~/components/pick-variant";
import { ProductsTable } from "~/components/ProductsTable";
import { UnlinkModal } from "~/components/UnlinkModal";
import { filterSkus, type SkuFilter } from "~/components/filter-skus";
import { useNotice } from "~/components/use-notice";
import { useProductsAction } from "~/components/use-products-action";
import { productsAction } from "~/pages/product-actions.server";
import { loadProductsPage, type SkuRowView } from "~/pages/products.server";
import { authenticateAdmin } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return loadProductsPage(session.shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return productsAction(session.shop, await readJsonBody(request));
};

const SHOW = [
  { label: "All SKUs", value: "all" },
  { label: "Not linked or deleted", value: "unlinked" },
  { label: "With blocked orders", value: "blocked" },
];

export default function Products() {
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const [text, setText] = useState(params.get("sku") ?? "");
  const [show, setShow] = useState<SkuFilter>("all");
  const [linking, setLinking] = useState<SkuRowView | null>(null);
  const [autoLinking, setAutoLinking] = useState(false);
  const [unlinking, setUnlinking] = useState<SkuRowView | null>(null);
  const { notice, notify, dismiss } = useNotice();
  const actions = useProductsAction(notify);

  if (!page.connected)
    return (
      <Page title="Products">
        <Card>
          <EmptyState
            heading="Connect your TikTok shop"
            action={{ content: "Go to Settings", url: "/app/settings" }}
            image=""
          >
            <p>Its products appear here once it is connected, ready to link to your Shopify variants.</p>
          </EmptyState>
        </Card>
      </Page>
    );

  const link = (sku: SkuRowView, shopifyVariantId: string) => {
    setLinking(null);
    const { skuId: tiktokSkuId, productId: tiktokProductId, sellerSku } = sku;
    actions.run({ intent: "link", tiktokSkuId, tiktokProductId, sellerSku, shopifyVariantId });
  };
  const startLink = async (sku: SkuRowView) => {
    const picker = resourcePicker();
    if (!picker) return setLinking(sku);
    const variantId = await pickVariant(picker);
    if (variantId) link(sku, variantId);
  };

  return (
    <Page
      title="Products"
      subtitle="Link each TikTok SKU to the Shopify variant it is sold as."
      primaryAction={{
        content: "Auto-link by SKU",
        onAction: () => setAutoLinking(true),
        disabled: actions.busy,
      }}
    >
      <BlockStack gap="400">
        <NoticeBanner notice={notice} onDismiss={dismiss} />
        {page.tiktokError && (
          <Banner tone="warning" title="TikTok's product list couldn't be loaded">
            {page.tiktokError} The SKUs below are those seen in orders and links.
          </Banner>
        )}
        {page.shopifyError && (
          <Banner tone="warning" title="Shopify couldn't be asked about the linked variants">
            {page.shopifyError}
          </Banner>
        )}
        <Card padding="0">
          <BlockStack>
            <div style={{ padding: "var(--p-space-300)" }}>
              <InlineStack gap="300" wrap={false}>
                <div style={{ flex: 1 }}>
                  <TextField
                    label="Filter"
                    labelHidden
                    value={text}
                    onChange={setText}
                    autoComplete="off"
                    placeholder="Filter by product, seller SKU or SKU ID"
                    clearButton
                    onClearButtonClick={() => setText("")}
                  />
                </div>
                <Select
                  label="Show"
                  labelHidden
                  options={SHOW}
                  value={show}
                  onChange={(value) => setShow(value as SkuFilter)}
                />
              </InlineStack>
            </div>
            <ProductsTable
              skus={filterSkus(page.skus, text, show)}
              busy={actions.busy}
              onLink={(sku) => void startLink(sku)}
              onUnlink={setUnlinking}
            />
          </BlockStack>
        </Card>
      </BlockStack>
      <LinkVariantModal
        sku={linking}
        onClose={() => setLinking(null)}
        onChoose={(id) => linking && link(linking, id)}
      />
      <UnlinkModal
        sku={unlinking}
        onClose={() => setUnlinking(null)}
        onUnlink={(sku) => {
          setUnlinking(null);
          actions.run({ intent: "unlink", tiktokSkuId: sku.skuId });
        }}
      />
      <AutoLinkModal
        open={autoLinking}
        onClose={() => setAutoLinking(false)}
        onApply={(skuIds) => {
          setAutoLinking(false);
          actions.run({ intent: "autoLink", skuIds });
        }}
      />
    </Page>
  );
}
