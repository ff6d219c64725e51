import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach } from "vitest";
import {
  openBrowser,
  screenshot,
  startDemo,
  watchConsoleErrors,
  type Browser,
  type Demo,
} from "./demo-session";

const screenshotDir = path.resolve(import.meta.dirname, "..", "..", "test-results", "screenshots");

export type Journey = {
  /** The running demo: its address and TikTok's side. */
  readonly demo: Demo;
  readonly page: Page;
  /** Every error the page has logged or thrown since Chromium opened. */
  consoleErrors(): string[];
  /** Writes the whole page to test-results/screenshots (git-ignored), named `<shots>-<name>.png`. */
  shoot(name: string): Promise<unknown>;
};

/**
 * The journeys of one file share a demo and a Chromium: both started before the file's first journey (the
 * app opened, unless `open` is false) and stopped after its last. `ready` receives them once started, for
 * a file that keeps the page in a variable of its own.
 */
export function sharedDemo(options: {
  shots: string;
  open?: boolean;
  /** The demo fulfils two orders in Shopify as it starts (off for the other journeys). */
  fulfilments?: boolean;
  /** The demo places a TikTok order every 20 seconds (off for journeys that compare lists). */
  newOrders?: boolean;
  ready?: (journey: Journey) => void;
}): Journey {
  let demo: Demo | undefined;
  let browser: Browser | undefined;
  let consoleErrors: () => string[] = () => [];
  const started = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error("The demo starts before the file's first journey: use it there.");
    return value;
  };
  const journey: Journey = {
    get demo() {
      return started(demo);
    },
    get page() {
      return started(browser).page;
    },
    consoleErrors: () => consoleErrors(),
    shoot: (name) => screenshot(started(browser).page, screenshotDir, `${options.shots}-${name}`),
  };
  beforeAll(async () => {
    demo = await startDemo({
      fulfilments: options.fulfilments ?? false,
      newOrders: options.newOrders ?? true,
    });
    browser = await openBrowser();
    consoleErrors = watchConsoleErrors(browser.page);
    if (options.open ?? true) await browser.page.goto(demo.url);
    options.ready?.(journey);
  }, 240_000);
  // A journey that fails leaves a picture of the page and says where it was, so a failure seen once (in CI,
  // under load) can be read afterwards.
  beforeEach(({ onTestFailed }) => {
    onTestFailed(async ({ task }) => {
      if (!browser) return;
      const name = `${options.shots}-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`;
      await screenshot(browser.page, screenshotDir, name).catch(() => undefined);
      console.log(`[journey failed] at ${browser.page.url()}; screenshot ${name}.png`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  }, 30_000);
  return journey;
}

/**
 * Waits until the app's client-side navigation (a link clicked, a form's address changed) has loaded and
 * rendered: Remix's router is idle again. A click on a link starts the navigation before it returns, so
 * this never passes on the page the click left.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const router = (
        window as { __remixRouter?: { state: { navigation: { state: string }; revalidation: string } } }
      ).__remixRouter;
      return (
        router !== undefined &&
        router.state.navigation.state === "idle" &&
        router.state.revalidation === "idle"
      );
    },
    undefined,
    { timeout: 30_000 },
  );
}
