/**
 * What this process knows of a shop's leaky bucket, from the last `throttleStatus` Shopify returned.
 * Requests reserve their expected cost before they are sent, so concurrent requests wait their turn for
 * enough points instead of all being refused with THROTTLED.
 */
export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

// Until Shopify says otherwise, assume the smallest plan's bucket.
const STANDARD: ThrottleStatus = { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 };

export class CostBucket {
  private available: number;
  private maximum: number;
  private restoreRate: number;
  private updatedAt: number;
  // Points reserved by requests that are waiting or in flight: Shopify's figures don't include them yet.
  private inFlight = 0;

  constructor(
    private readonly now: () => number = Date.now,
    initial: ThrottleStatus = STANDARD,
  ) {
    this.maximum = initial.maximumAvailable;
    this.available = initial.currentlyAvailable;
    this.restoreRate = initial.restoreRate;
    this.updatedAt = now();
  }

  private refill(): void {
    const at = this.now();
    this.available = Math.min(
      this.maximum,
      this.available + ((at - this.updatedAt) / 1000) * this.restoreRate,
    );
    this.updatedAt = at;
  }

  /**
   * Says how many milliseconds to wait before sending a request (0: send now) and takes its points.
   * Shopify admits a request when the bucket holds its requested cost, then charges the actual cost (a
   * query usually costs far less than requested): so the wait is for `requested` points, and what later
   * requests queue behind is only `actual`. Counting the requested cost for requests in flight would keep
   * the bucket looking emptier than it is, and leave points unused.
   */
  reserve(requested: number, actual = requested): number {
    this.refill();
    const needed = Math.min(requested, this.maximum);
    const wait =
      this.available >= needed ? 0 : Math.ceil(((needed - this.available) / this.restoreRate) * 1000);
    const points = Math.min(actual, this.maximum);
    this.available -= points;
    this.inFlight += points;
    return wait;
  }

  /** Ends a reservation; Shopify's own status, when the response had one, replaces the estimate. */
  settle(reserved: number, status?: ThrottleStatus): void {
    const points = Math.min(reserved, this.maximum);
    this.inFlight = Math.max(0, this.inFlight - points);
    if (!status) return;
    this.maximum = status.maximumAvailable;
    this.restoreRate = status.restoreRate;
    this.available = status.currentlyAvailable - this.inFlight;
    this.updatedAt = this.now();
  }

  /** Milliseconds until `cost` points are back, given what is available now. */
  msUntil(cost: number): number {
    this.refill();
    return this.available >= cost ? 0 : Math.ceil(((cost - this.available) / this.restoreRate) * 1000);
  }

  get snapshot(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximum,
      currentlyAvailable: this.available,
      restoreRate: this.restoreRate,
    };
  }
}
