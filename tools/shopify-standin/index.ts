import type { AddressInfo } from "node:net";
import { StandinControl } from "./control/client";
import { createStandinServer, type StandinServerOptions } from "./server";
import { createStore, type Store } from "./store";

export { StandinControl, adminGraphQL, type AdminResponse } from "./control/client";
export type * from "./control/client";

export type ShopifyStandin = {
  /** Base URL, e.g. http://127.0.0.1:4401 */
  url: string;
  control: StandinControl;
  /** The in-memory store, for tools running in the same process. */
  store: Store;
  close(): Promise<void>;
};

/**
 * Starts the Shopify Admin stand-in on `port` (0: any free port) and answers once it listens.
 * `close()` drops open connections, including requests held by a timeout fault.
 */
export async function startShopifyStandin(
  options: StandinServerOptions & { port?: number; host?: string } = {},
): Promise<ShopifyStandin> {
  const store = createStore();
  const server = createStandinServer(store, options);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    control: new StandinControl(url),
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
