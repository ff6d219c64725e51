/** TikTok's order, product and SKU ids: digits in practice; letters, "_" and "-" allowed, at most 64. */
export const TIKTOK_ID = /^[A-Za-z0-9_-]{1,64}$/;
