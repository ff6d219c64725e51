import { Link, Text } from "@shopify/polaris";

type Props = { order: { name: string; url: string | null } | null };

/** The Shopify order's name, opening it in Shopify admin (a `shopify://admin` link leaves the app's frame). */
export function ShopifyOrderLink({ order }: Props) {
  if (!order) return null;
  if (!order.url) return <Text as="span">{order.name}</Text>;
  return (
    <Link url={order.url} target="_top" removeUnderline>
      {order.name}
    </Link>
  );
}
