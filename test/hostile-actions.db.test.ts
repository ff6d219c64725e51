import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { startConnectorWorld } from "./connector-world";
import { databaseDigest } from "./database-digest";
import { actionCases } from "./hostile-action-cases";
import { hostileRequest, isRefusal, messageOf, outcomeOf } from "./hostile-requests";
import { expectEveryRouteCovered, isWebhookRoute, routeAction, routesExporting } from "./route-inventory";
import { seedTenant } from "./tenant-world";

// Hostile input on every action but the webhooks' (those are in hostile-input.db.test.ts): whatever is
// posted with a store's session token, the answer is never a 5xx, and a refusal (a 4xx, or an error shown
// inline) is clear, i.e. carries a non-empty message in `error`, `message` or a field of `errors`, and
// changes nothing in the database. The cases are in hostile-action-cases.ts.
const world = await startConnectorWorld();
const { default: prisma } = await import("~/db.server");
afterAll(() => world.close());

const RUNS = 40;
const a = await seedTenant(world, "fuzz-a.myshopify.com");
const b = await seedTenant(world, "fuzz-b.myshopify.com");
const cases = actionCases(a, b);
const connectionOfA = await prisma.tikTokConnection.findUniqueOrThrow({ where: { shopId: a.shopId } });
/** Disconnect is a valid request whatever its body: A is connected again for the next run. */
const reconnectA = () =>
  prisma.tikTokConnection.upsert({ where: { shopId: a.shopId }, create: connectionOfA, update: {} });

describe("hostile input on every action", () => {
  it("has a case for every route with an action, webhooks aside", async () => {
    const found = (await routesExporting("action")).filter((name) => !isWebhookRoute(name));
    expectEveryRouteCovered(Object.keys(cases), found, "test/hostile-action-cases.ts");
  });

  for (const [route, { path, embedded, attempts, sees }] of Object.entries(cases)) {
    it(`answers anything posted to ${route} with a success or a refusal with a message, never a 5xx`, async () => {
      const action = await routeAction(route);
      const seen = { accepted: 0, refused: 0 };
      const methods = fc.constantFrom("POST", "PUT", "PATCH", "DELETE");
      const property = fc.asyncProperty(attempts, methods, async (attempt, method) => {
        const request = hostileRequest(path, method, attempt.payload, embedded ? a.domain : undefined);
        const before = await databaseDigest();
        const outcome = await outcomeOf(() => action({ request, params: attempt.params ?? {}, context: {} }));
        const after = await databaseDigest();
        await reconnectA();
        const said = JSON.stringify(outcome.body)?.slice(0, 300);
        expect(outcome.status, said).toBeLessThan(500);
        const refused = isRefusal(outcome);
        seen[refused ? "refused" : "accepted"]++;
        if (refused) {
          expect(messageOf(outcome.body), said).toBeTruthy();
          expect(after, `a refusal changed the database: ${said}`).toBe(before);
        }
        if (attempt.expect === "refused") expect(refused, `not refused: ${said}`).toBe(true);
        if (attempt.expect === "unchanged") expect(after, `the database changed: ${said}`).toBe(before);
      });
      await fc.assert(property, { numRuns: RUNS, seed: 20_260_314, endOnFailure: true });
      for (const kind of sees) expect(seen[kind], `no ${kind} answer in ${RUNS} runs`).toBeGreaterThan(0);
    });
  }
});
