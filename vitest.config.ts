import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Environment every test starts from; a test that needs another value sets it itself.
const testEnv = {
  NODE_ENV: "test" as const,
  SHOPIFY_API_KEY: "test-api-key",
  SHOPIFY_API_SECRET: "test-api-secret",
  SHOPIFY_APP_URL: "https://order-sync.example.test",
  SCOPES: "read_orders,write_orders,read_products,read_inventory,read_fulfillments",
  TOKEN_ENCRYPTION_KEY: "6f1c0d2a9b8e7f6a5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a291807f6e",
  DATABASE_URL: "memory://",
  SYNC_WORKER: "off",
};

const shared = {
  environment: "node",
  env: testEnv,
  setupFiles: ["./test/setup.ts"],
  pool: "forks" as const,
  testTimeout: 20_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "tools/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "**/*.redis.test.ts", "**/*.browser.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "db",
          include: ["app/**/*.db.test.ts", "tools/**/*.db.test.ts", "test/**/*.db.test.ts"],
        },
      },
      {
        extends: true,
        // The BullMQ queue and its worker processes, on Redis and PostgreSQL (worker processes share a
        // database): the machine's own servers unless REDIS_URL / TEST_DATABASE_URL name others.
        test: {
          ...shared,
          env: {
            ...testEnv,
            REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379",
            TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test",
          },
          name: "queue",
          include: ["app/**/*.redis.test.ts"],
          testTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // The admin UI extensions (extensions/*), each target run as Shopify admin runs it, in a DOM
        // (test/admin-extension.ts); Preact's JSX comes from each extension's own tsconfig. No database.
        test: {
          name: "extensions",
          environment: "jsdom",
          env: testEnv,
          include: ["extensions/*/tests/**/*.test.{ts,tsx}"],
          pool: "forks",
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        // Each file drives a demo of its own (npm run demo) in Debian's Chromium: one file at a time, so no
        // journey runs on a machine that other demos are loading.
        test: {
          ...shared,
          name: "browser",
          include: ["test/browser/**/*.browser.test.ts"],
          // Each step of a journey waits at most 30 s for what it expects, and fails naming it. A journey's
          // own budget is only a backstop above its steps: at 60 s, two slow steps on a machine busy with
          // the other projects (which run beside this one) ended a journey that had failed no step.
          testTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
