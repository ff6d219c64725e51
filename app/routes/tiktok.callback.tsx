import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TikTokConnectProblem } from "~/components/TikTokConnectProblem";
import { browserKeyOf, connectCookie } from "~/tiktok/connect-cookie.server";
import { completeTikTokConnection } from "~/tiktok/oauth.server";

// TikTok's redirect after the merchant authorized the app (the redirect URL set in Partner Center): a
// top-level page without a Shopify session. The signed `state` says which store it is for; the cookie set by
// /tiktok/start says the browser is the one that clicked Connect.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const result = await completeTikTokConnection({
    code: url.searchParams.get("code"),
    state: url.searchParams.get("state"),
    browserKey: await browserKeyOf(request),
  });
  const headers = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };
  if (result.ok) {
    const cleared = await connectCookie.serialize("", { maxAge: 0 });
    return redirect(result.redirectTo, { headers: { ...headers, "Set-Cookie": cleared } });
  }
  return data({ message: result.message }, { status: result.status, headers });
};

export const meta: MetaFunction = () => [{ title: "Connecting TikTok Shop" }];

export default function TikTokCallback() {
  const { message } = useLoaderData<typeof loader>();
  return <TikTokConnectProblem message={message} />;
}
