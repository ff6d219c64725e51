import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { login } from "~/shopify.server";
import styles from "./styles.module.css";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return { showForm: Boolean(login) };
};

export default function Landing() {
  const { showForm } = useLoaderData<typeof loader>();
  return (
    <div className={styles.index}>
      <div className={styles.content}>
        <h1 className={styles.heading}>TikTok Shop orders, in Shopify, exactly once</h1>
        <p className={styles.text}>
          Every TikTok Shop order becomes a Shopify order. When one can't, you see why in plain words, fix it,
          and click Sync.
        </p>
        {showForm && (
          <Form className={styles.form} method="post" action="/auth/login">
            <label className={styles.label}>
              <span>Shop domain</span>
              <input className={styles.input} type="text" name="shop" />
              <span>e.g: my-shop-domain.myshopify.com</span>
            </label>
            <button className={styles.button} type="submit">
              Log in
            </button>
          </Form>
        )}
        <ul className={styles.list}>
          <li>
            <strong>No duplicates, nothing missed</strong>. Webhooks and polling both feed one sync that
            creates each Shopify order once.
          </li>
          <li>
            <strong>Reason for failure</strong>. Seven checks, each blocked order shows which one stopped it
            and what to do.
          </li>
          <li>
            <strong>Money to the cent</strong>. Discounts, shipping, taxes and fees match what TikTok charged.
          </li>
        </ul>
      </div>
    </div>
  );
}
