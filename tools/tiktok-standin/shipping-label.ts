import type { OrderRecord } from "./order-builder";
import type { PackageRecord } from "./state";

export type DocumentType = "SHIPPING_LABEL" | "PACKING_SLIP" | "SHIPPING_LABEL_AND_PACKING_SLIP";

/**
 * A package's shipping document as a small, valid PDF 1.4 (4×6 in pages, Helvetica): enough for an app to
 * download, store and show, and for a test to read the package id and tracking number back out of it.
 */
export function shippingDocument(type: DocumentType, pkg: PackageRecord, record: OrderRecord): Buffer {
  const recipient = record.order.recipient_address?.name ?? "";
  const label = [
    "SHIPPING LABEL",
    `${pkg.shippingProviderName} - TikTok Shipping`,
    `Tracking: ${pkg.trackingNumber}`,
    `Package: ${pkg.id}`,
    `Order: ${pkg.orderId}`,
    `Ship to: ${recipient}`,
  ];
  const slip = [
    "PACKING SLIP",
    `Package: ${pkg.id}`,
    `Order: ${pkg.orderId}`,
    `Tracking: ${pkg.trackingNumber}`,
    ...record.order.line_items
      .filter((line) => pkg.orderLineItemIds.includes(line.id))
      .map((line) => `1 x ${line.product_name} (${line.seller_sku ?? line.sku_id})`),
  ];
  if (type === "SHIPPING_LABEL") return pdf([label]);
  if (type === "PACKING_SLIP") return pdf([slip]);
  return pdf([label, slip]);
}

/** A PDF whose pages each show lines of text; the title (first line) larger. Offsets are counted in bytes. */
export function pdf(pages: string[][]): Buffer {
  const objects: string[] = [];
  const pageIds = pages.map((_, index) => 4 + index * 2);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  pages.forEach((lines, index) => {
    const pageId = 4 + index * 2;
    const content = pageContent(lines);
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] ` +
      `/Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`;
  });
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = Buffer.byteLength(out);
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out);
  // Each cross-reference entry is exactly 20 bytes: 10-digit offset, 5-digit generation, n/f, space, newline.
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id += 1) out += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

function pageContent(lines: string[]): string {
  const [title = "", ...rest] = lines;
  const body = rest.map((line) => `0 -20 Td (${pdfText(line)}) Tj`).join("\n");
  return `BT\n/F1 20 Tf\n20 392 Td (${pdfText(title)}) Tj\n/F1 10 Tf\n0 -10 Td\n${body}\nET`;
}

/** A PDF string literal's text: printable ASCII only (Helvetica's standard encoding), with \, ( and ) escaped. */
function pdfText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").replace(/[\\()]/g, (char) => `\\${char}`);
}
