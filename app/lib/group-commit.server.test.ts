import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit.server";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("GroupCommit", () => {
  it("commits what arrives while a group is out in the next group, leaves what `take` left for the one after, and says when it is idle", async () => {
    const groups: number[][] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let idle = 0;
    const commits = new GroupCommit<number>(
      async (group) => {
        groups.push(group);
        if (groups.length === 1) await held;
      },
      // The second group leaves 3 for the third.
      { take: (waiting) => waiting.filter((item) => item !== 3 || groups.length > 1), onIdle: () => idle++ },
    );

    commits.add(1);
    commits.add(2);
    await nextTurn();
    commits.add(3);
    commits.add(4);
    await nextTurn();
    expect(groups).toEqual([[1, 2]]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(groups).toEqual([[1, 2], [4], [3]]);
    expect(idle).toBe(1);

    commits.add(5);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(groups).toEqual([[1, 2], [4], [3], [5]]);
    expect(idle).toBe(2);
  });
});
