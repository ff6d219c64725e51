/**
 * TikTok's seller cancel reasons the merchant picks from (TikTok's codes; UK shops accept them as they are
 * and with a `_uk` suffix). TikTok's own list per order (its after-sale eligibility) is newer than the API
 * version the app uses, so the app offers the reasons every market accepts.
 */
export const SELLER_CANCEL_REASONS = [
  { value: "seller_cancel_reason_out_of_stock", label: "Out of stock" },
  { value: "seller_cancel_reason_wrong_price", label: "Pricing error" },
  { value: "seller_cancel_reason_buyer_request", label: "The buyer asked to cancel" },
] as const;
