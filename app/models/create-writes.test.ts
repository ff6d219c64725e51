import { describe, expect, it } from "vitest";
import { CreateWrites, type CreateWrite } from "./create-writes.server";

const start = (orderId: string): CreateWrite => ({
  kind: "start",
  attemptId: `attempt-${orderId}`,
  orderId,
  trigger: "WEBHOOK",
  stages: "[]",
});

const finish = (orderId: string, orderIds = [orderId]): CreateWrite => ({
  kind: "finish",
  attemptId: `attempt-${orderId}`,
  orderId,
  orderIds,
  shopifyOrderId: `gid://shopify/Order/${orderId}`,
  shopifyOrderName: null,
  addressHash: null,
  releaseHolder: "worker",
  syncedFrom: new Date(0),
});

const ordersOf = (group: readonly CreateWrite[]) =>
  group.map((write) => (write.kind === "start" ? write.orderId : write.orderIds.join("+")));

/** A group writer that records each group it is given, answering each with `answer`. */
function recorder(answer: (group: readonly CreateWrite[], call: number) => Promise<void> = async () => {}) {
  const groups: string[][] = [];
  const writeGroup = (group: readonly CreateWrite[]) => {
    groups.push(ordersOf(group));
    return answer(group, groups.length);
  };
  return { groups, writeGroup };
}

describe("CreateWrites", () => {
  it("writes what arrives in one turn together, and what arrives meanwhile in the next group", async () => {
    let release: () => void = () => {};
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    const { groups, writeGroup } = recorder((_, call) => (call === 1 ? firstHeld : Promise.resolve()));
    const writes = new CreateWrites(writeGroup);

    const first = [writes.write(start("a")), writes.write(finish("b")), writes.write(start("c"))];
    await new Promise((resolve) => setImmediate(resolve));
    const later = [writes.write(start("d")), writes.write(finish("e"))];
    release();
    await Promise.all([...first, ...later]);

    expect(groups).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });

  it("resolves a write only once its group is written", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const writes = new CreateWrites(() => held);
    let done = false;
    const written = writes.write(start("a")).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    release();
    await written;
    expect(done).toBe(true);
  });

  it("never puts two writes of one order, or of one sample group, in the same group", async () => {
    const { groups, writeGroup } = recorder();
    const writes = new CreateWrites(writeGroup);
    await Promise.all([
      writes.write(finish("a", ["a", "b"])),
      writes.write(start("b")),
      writes.write(start("c")),
      writes.write(start("a")),
    ]);
    expect(groups).toEqual([
      ["a+b", "c"],
      ["b", "a"],
    ]);
  });

  it("writes a group again when the database broke a deadlock by refusing it", async () => {
    const deadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
    const { groups, writeGroup } = recorder(async (_, call) => {
      if (call === 1) throw deadlock;
    });
    const writes = new CreateWrites(writeGroup);
    await Promise.all([writes.write(start("a")), writes.write(start("b"))]);
    expect(groups).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
  });

  it("fails only the write the database refuses, writing the rest of its group one by one", async () => {
    const { groups, writeGroup } = recorder(async (group) => {
      if (group.some((write) => write.orderId === "erased")) throw new Error("violates foreign key");
    });
    const writes = new CreateWrites(writeGroup);
    const results = await Promise.allSettled([
      writes.write(start("a")),
      writes.write(start("erased")),
      writes.write(finish("c")),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(groups).toEqual([["a", "erased", "c"], ["a"], ["erased"], ["c"]]);
  });
});
