import { invalidParam, type Reply } from "./http-kit";

/**
 * Cursor paging as TikTok does it: `page_size` required, from 1 to the endpoint's maximum (100 for orders and
 * products, 50 for cancellations and returns), an opaque `page_token`, and "" on the last page.
 */
export function paginate<T>(
  items: T[],
  params: Record<string, string>,
  maxPageSize = 100,
): { items: T[]; nextPageToken: string } | Reply {
  const size = Number(params.page_size);
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize)
    return invalidParam(`page_size must be between 1 and ${maxPageSize}.`);
  let offset = 0;
  if (params.page_token) {
    offset = Number(
      Buffer.from(params.page_token, "base64url")
        .toString()
        .replace(/^offset:/, ""),
    );
    if (!Number.isInteger(offset) || offset < 0) return invalidParam("page_token is invalid.");
  }
  const end = offset + size;
  const nextPageToken = end < items.length ? Buffer.from(`offset:${end}`).toString("base64url") : "";
  return { items: items.slice(offset, end), nextPageToken };
}
