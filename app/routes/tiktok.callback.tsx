import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { completeTikTokConnection } from "~/tiktok/oauth.server";

// TikTok's redirect after the merchant authorized the app (the redirect URL set in Partner Center):
// a top-level page without a Shopify session; the signed `state` says which store it is for.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const result = await completeTikTokConnection({
    code: url.searchParams.get("code"),
    state: url.searchParams.get("state"),
  });
  if (result.ok) return redirect(result.redirectTo);
  return data({ message: result.message }, { status: result.status });
};

export const meta: MetaFunction = () => [{ title: "Connecting TikTok Shop" }];

export default function TikTokCallback() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <main
      style={{
        fontFamily: "system-ui, sans-serif",
        maxWidth: "36rem",
        margin: "4rem auto",
        padding: "0 1rem",
      }}
    >
      <h1 style={{ fontSize: "1.25rem" }}>TikTok Shop was not connected</h1>
      <p>{message}</p>
    </main>
  );
}
