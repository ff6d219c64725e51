import { readFormBody } from "~/lib/read-limited-body.server";

/**
 * The login form as `login()` reads it, whatever was posted: the shop field as text, and nothing else. A
 * body that isn't a form, or a file in place of the shop, leaves it out, and `login()` asks for the shop.
 */
export async function loginForm(request: Request): Promise<Request> {
  const form = await readFormBody(request);
  const shop = form?.get("shop");
  return new Request(request.url, {
    method: "POST",
    body: new URLSearchParams(typeof shop === "string" ? { shop } : {}),
  });
}
