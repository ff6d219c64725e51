/**
 * "Sync from TikTok" is offered only on orders that came from TikTok: the app's backend knows the order
 * (`HEAD /api/extensions/orders/<n>`: 204, or 404 for any other). If the app can't be reached, it isn't offered.
 */
export default async () => {
  const number = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(shopify.data.selected[0]?.id ?? "")?.[1];
  if (!number) return { display: false };
  try {
    // Relative to the app's URL; Shopify adds the ID token the backend authenticates.
    // HEAD: only whether the order is known, not its detail (the block asks for that).
    const response = await fetch(`/api/extensions/orders/${number}`, { method: "HEAD" });
    return { display: response.ok };
  } catch {
    return { display: false };
  }
};
