import type { ProductRecord } from "./state";

/** A product as TikTok serves it: search puts `tax_exclusive_price` in the SKU price, detail `amount`. */
export function renderProduct(product: ProductRecord, view: "search" | "detail") {
  return {
    id: product.id,
    title: product.title,
    status: product.status,
    create_time: product.createTime,
    update_time: product.updateTime,
    skus: product.skus.map((sku) => ({
      id: sku.id,
      seller_sku: sku.sellerSku,
      price:
        view === "search"
          ? { currency: sku.currency, sale_price: sku.price, tax_exclusive_price: sku.price }
          : { amount: sku.price, currency: sku.currency, sale_price: sku.price },
      inventory: [{ warehouse_id: "7068517275539719942", quantity: sku.quantity }],
      sales_attributes: sku.attributes.map((attribute, index) => ({
        id: String(100000 + index),
        name: attribute.name,
        value_id: `${sku.id}${index}`,
        value_name: attribute.value,
      })),
    })),
  };
}
