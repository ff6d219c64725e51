/** What Shopify reports in `extensions.cost.throttleStatus`. */
export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

export type BucketSettings = { maximumAvailable: number; restoreRate: number };

/**
 * Shopify's Standard plan: 100 points/second per app and store, and a bucket of 20 seconds of that
 * (responses from real stores show maximumAvailable 2000 with restoreRate 100, 4000 with 200).
 */
export const STANDARD_PLAN: BucketSettings = { maximumAvailable: 2000, restoreRate: 100 };

/**
 * The leaky bucket of one app on one store. Points refill continuously at `restoreRate` per second up to
 * `maximumAvailable`; a query is admitted when the bucket holds its requested cost, which is taken up
 * front, and the difference to the actual cost is given back after it ran.
 */
export class LeakyBucket {
  private settings: BucketSettings;
  private level: number;
  private updatedAt: number;

  constructor(
    settings: BucketSettings = STANDARD_PLAN,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.settings = { ...settings };
    this.level = settings.maximumAvailable;
    this.updatedAt = now();
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.settings.maximumAvailable,
      currentlyAvailable: Math.floor(this.level),
      restoreRate: this.settings.restoreRate,
    };
  }

  /** Takes `points` when the bucket holds them; false (and nothing taken) otherwise. */
  tryTake(points: number): boolean {
    this.refill();
    if (this.level < points) return false;
    this.level -= points;
    return true;
  }

  refund(points: number): void {
    this.refill();
    this.level = Math.min(this.settings.maximumAvailable, this.level + Math.max(0, points));
  }

  /** Changes the size or rate, or sets the current level (e.g. to start a test with an empty bucket). */
  configure(change: Partial<BucketSettings> & { currentlyAvailable?: number }): void {
    this.refill();
    this.settings = {
      maximumAvailable: change.maximumAvailable ?? this.settings.maximumAvailable,
      restoreRate: change.restoreRate ?? this.settings.restoreRate,
    };
    const level = change.currentlyAvailable ?? this.level;
    this.level = Math.max(0, Math.min(this.settings.maximumAvailable, level));
  }

  private refill(): void {
    const now = this.now();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.level = Math.min(
      this.settings.maximumAvailable,
      this.level + elapsedSeconds * this.settings.restoreRate,
    );
    this.updatedAt = now;
  }
}
