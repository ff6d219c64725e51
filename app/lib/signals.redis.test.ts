import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { until } from "../../test/until";

// The wake-up signals across processes, on the machine's Redis: a worker process hears what another process
// recorded without waiting for its poll. Each import of the module after resetModules is a process of its
// own (its own id, its own connections).
process.env.REDIS_PREFIX = `signals-${randomBytes(4).toString("hex")}`;

async function aProcess() {
  vi.resetModules();
  const signals = await import("./signals.server");
  const redis = await import("./redis.server");
  return { ...signals, close: redis.closeSharedRedis };
}

/** Until Redis counts a subscriber of the signal's channel. */
async function subscribed(name: string) {
  const channel = `${process.env.REDIS_PREFIX}:signal:${name}`;
  const redis = (await import("./redis.server")).sharedRedis();
  expect(
    await until(async () => {
      const [, count] = (await redis.pubsub("NUMSUB", channel)) as [string, number];
      return Number(count) > 0;
    }),
  ).toBe(true);
}

const web = await aProcess();
const worker = await aProcess();
afterAll(async () => {
  await web.close();
  await worker.close();
});

describe("a signal with Redis", () => {
  it("wakes a listener in another process, once for a burst, and not its own process twice", async () => {
    const heard: string[] = [];
    const stopWorker = worker.onShipmentDue.subscribe(() => heard.push("worker"));
    const stopWeb = web.onShipmentDue.subscribe(() => heard.push("web"));
    // Subscribing takes a round trip; a message before it lands is not heard (the worker's poll finds it).
    await subscribed("shipment-due");

    for (let i = 0; i < 5; i++) web.onShipmentDue.emit();
    await until(() => heard.includes("worker"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard.filter((who) => who === "web")).toHaveLength(5);
    expect(heard.filter((who) => who === "worker")).toHaveLength(1);

    // Another signal's channel is not this one's.
    web.onFlowNoticeDue.emit();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard.filter((who) => who === "worker")).toHaveLength(1);

    stopWorker();
    stopWeb();
    web.onShipmentDue.emit();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toHaveLength(6);
  });
});
