import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Under `shopify app dev` the app is reached through the CLI's tunnel: Vite accepts that host, and its hot
// reload goes through the tunnel too (or, on localhost, to the port the CLI gives it), as Shopify's template does.
const appHost = process.env.SHOPIFY_APP_URL ? new URL(process.env.SHOPIFY_APP_URL).hostname : "localhost";
const hmr =
  appHost === "localhost"
    ? {
        protocol: "ws",
        host: "localhost",
        port: Number(process.env.HMR_SERVER_PORT || 64999),
        clientPort: Number(process.env.HMR_SERVER_PORT || 64999),
      }
    : { protocol: "wss", host: appHost, port: Number(process.env.FRONTEND_PORT || 8002), clientPort: 443 };

export default defineConfig({
  server: {
    port: Number(process.env.PORT || 3000),
    allowedHosts: [appHost],
    hmr,
    fs: { allow: ["app", "node_modules"] },
  },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/.*", "**/*.test.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: false,
      },
    }),
    tsconfigPaths(),
  ],
  build: { assetsInlineLimit: 0, target: "es2022" },
  ssr: { target: "node" },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
});
