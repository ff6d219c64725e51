import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

export default async () => {
  render(<Extension />, document.body);
};

type Tone = "success" | "info" | "warning" | "critical" | "neutral";

/** What the app's backend answers for a Shopify order that came from TikTok (`GET /api/extensions/orders/<n>`). */
type TikTokOrder = {
  tiktokOrderId: string;
  tiktokShop: string | null;
  tiktokStatus: string;
  sync: { label: string; tone: Tone; detail: string | null };
  fulfilments: { name: string; text: string; tone: Tone }[];
  combinedWith: string[];
};

type Loaded =
  { kind: "loading" } | { kind: "none" } | { kind: "failed" } | { kind: "order"; order: TikTokOrder };

/** The number at the end of `gid://shopify/Order/<n>`, which the backend names the order by. */
const orderNumber = (gid: string | undefined) => /^gid:\/\/shopify\/Order\/(\d+)$/.exec(gid ?? "")?.[1];

function Extension() {
  const { i18n, data } = shopify;
  const number = orderNumber(data.selected[0]?.id);
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });

  useEffect(() => {
    if (!number) {
      setLoaded({ kind: "none" });
      return;
    }
    let current = true;
    loadOrder(number).then((result) => {
      if (current) setLoaded(result);
    });
    return () => {
      current = false;
    };
  }, [number]);

  // An order that isn't from TikTok (and the moment before the app answers) shows nothing.
  if (loaded.kind === "loading" || loaded.kind === "none") return null;
  if (loaded.kind === "failed")
    return (
      <s-admin-block heading={i18n.translate("heading")}>
        <s-text tone="critical">{i18n.translate("unavailable")}</s-text>
      </s-admin-block>
    );

  const { order } = loaded;
  return (
    <s-admin-block
      heading={i18n.translate("heading")}
      collapsedSummary={`${order.tiktokOrderId} · ${order.sync.label}`}
    >
      <s-stack direction="block" gap="base">
        <s-stack direction="block" gap="small-100">
          <s-text type="strong">{i18n.translate("order", { id: order.tiktokOrderId })}</s-text>
          {order.tiktokShop && <s-text>{i18n.translate("shop", { shop: order.tiktokShop })}</s-text>}
          <s-text>{i18n.translate("tiktokStatus", { status: order.tiktokStatus })}</s-text>
          {order.combinedWith.length > 0 && (
            <s-text color="subdued">
              {i18n.translate("combined", { ids: order.combinedWith.join(", ") })}
            </s-text>
          )}
        </s-stack>
        <s-stack direction="inline" gap="small-100" alignItems="center">
          <s-text>{i18n.translate("sync")}</s-text>
          <s-badge tone={order.sync.tone}>{order.sync.label}</s-badge>
          {order.sync.detail && <s-text>{order.sync.detail}</s-text>}
        </s-stack>
        <s-stack direction="block" gap="small-100">
          <s-text type="strong">{i18n.translate("fulfilment")}</s-text>
          {order.fulfilments.length === 0 ? (
            <s-text color="subdued">{i18n.translate("noFulfilment")}</s-text>
          ) : (
            order.fulfilments.map((fulfilment) => (
              <s-stack key={fulfilment.name} direction="inline" gap="small-100" alignItems="center">
                <s-badge tone={fulfilment.tone}>{fulfilment.name}</s-badge>
                <s-text>{fulfilment.text}</s-text>
              </s-stack>
            ))
          )}
        </s-stack>
        <s-link href={`app:app/orders/${encodeURIComponent(order.tiktokOrderId)}`}>
          {i18n.translate("open")}
        </s-link>
      </s-stack>
    </s-admin-block>
  );
}

/** The app's answer for the order: its TikTok side, nothing (404: not from TikTok), or a failure. */
async function loadOrder(number: string): Promise<Loaded> {
  try {
    // Relative to the app's URL; Shopify adds the ID token the backend authenticates.
    const response = await fetch(`/api/extensions/orders/${number}`);
    if (response.status === 404) return { kind: "none" };
    if (!response.ok) return { kind: "failed" };
    const body = (await response.json()) as { order?: TikTokOrder };
    return body.order ? { kind: "order", order: body.order } : { kind: "failed" };
  } catch {
    return { kind: "failed" };
  }
}
