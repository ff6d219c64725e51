import type { FaultInput } from "./control/input";
import { seededRandom } from "../seeded-random";

/** What to do to one GraphQL request of a shop. */
export type FaultDecision = {
  latencyMs: number;
  /** Hold without answering, then drop the connection ("never": hold until the server closes). */
  timeoutMs?: number | "never";
  /** Answer this 5xx instead of executing. */
  errorStatus?: number;
  /** Execute, and if it ran orderCreate, drop the connection instead of answering. */
  dropAfterCreate: boolean;
};

const NO_FAULT: FaultDecision = { latencyMs: 0, dropAfterCreate: false };

/** The faults set on one shop through the control API, optionally limited to a number of requests. */
export class Faults {
  private config: FaultInput | undefined;
  private remaining: number | undefined;
  private random: () => number = Math.random;

  set(config: FaultInput): void {
    this.config = { ...config };
    this.remaining = config.count;
    this.random = config.seed === undefined ? Math.random : seededRandom(config.seed);
  }

  clear(): void {
    this.config = undefined;
    this.remaining = undefined;
  }

  /** The active configuration and how many requests it still applies to. */
  describe(): (FaultInput & { remaining?: number }) | null {
    return this.config ? { ...this.config, remaining: this.remaining } : null;
  }

  /** Decides for the next GraphQL request, using up one of `count`. */
  next(): FaultDecision {
    const config = this.config;
    if (!config) return NO_FAULT;
    if (this.remaining !== undefined && --this.remaining <= 0) this.clear();
    const statuses = config.errorStatuses ?? [502, 503];
    const fails = (config.errorRate ?? 0) > 0 && this.random() < (config.errorRate ?? 0);
    return {
      latencyMs: config.latencyMs ?? 0,
      timeoutMs: config.timeoutMs,
      errorStatus: fails ? statuses[Math.floor(this.random() * statuses.length)] : undefined,
      dropAfterCreate: config.dropAfterCreate ?? false,
    };
  }
}
