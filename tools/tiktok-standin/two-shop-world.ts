import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startTikTokStandin, type Shop, type TikTokStandin } from "./index";
import { standinCalls } from "./test-calls";

/** What a test file reads from its stand-in world; each property is read when used, so read it in hooks/tests. */
export type TwoShopWorld = {
  readonly standin: TikTokStandin;
  readonly calls: ReturnType<typeof standinCalls>;
  readonly us: Shop;
  readonly uk: Shop;
  /** One seller's access token for both shops. */
  readonly token: string;
  /** The bodies of the webhooks the stand-in has sent, oldest first. */
  readonly received: string[];
  /** The stand-in's clock, in seconds: reset to `start` before each test, and settable by it. */
  now: number;
};

/**
 * For the stand-in's own tests: a stand-in running on a clock the test sets, sending its webhooks to a
 * recording endpoint, and before each test a fresh state with a US shop and a GB shop that one access token
 * grants. Registers the `beforeAll`, `afterAll` and `beforeEach` hooks of the file (or `describe`) calling it.
 * `afterReset` runs in each `beforeEach` after the reset, before the shops are created.
 */
export function twoShopStandin(
  app: { appKey: string; appSecret: string },
  start: number,
  { afterReset }: { afterReset?: (standin: TikTokStandin) => Promise<unknown> } = {},
): TwoShopWorld {
  let now = start;
  let standin: TikTokStandin;
  let receiver: Server;
  const received: string[] = [];
  let calls: ReturnType<typeof standinCalls>;
  let us: Shop;
  let uk: Shop;
  let token: string;

  beforeAll(async () => {
    // The app's webhook endpoint, reduced to recording what it is sent.
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push(Buffer.concat(chunks).toString());
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/tiktok`;
    standin = await startTikTokStandin({ ...app, webhookUrl, now: () => now });
    calls = standinCalls(standin, app);
  });
  afterAll(async () => {
    await standin.close();
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(async () => {
    now = start;
    await standin.control.reset();
    if (afterReset) await afterReset(standin);
    us = await standin.control.createShop({ id: "7494000000000000001", region: "US", cipher: "GCP_us" });
    uk = await standin.control.createShop({ id: "7494000000000000002", region: "GB", cipher: "GCP_uk" });
    // One seller's authorization for both shops: the UK cipher works, but only for the UK shop's orders.
    token = (await calls.tokensFor((await standin.control.createAuthCodeForShops([us.id, uk.id])).authCode))
      .access_token;
    received.length = 0;
  });

  return {
    get standin() {
      return standin;
    },
    get calls() {
      return calls;
    },
    get us() {
      return us;
    },
    get uk() {
      return uk;
    },
    get token() {
      return token;
    },
    received,
    get now() {
      return now;
    },
    set now(value: number) {
      now = value;
    },
  };
}
