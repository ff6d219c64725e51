import type { TikTokOrder } from "~/tiktok/types";

/** The merchant picks the window for combining sample orders between these bounds. */
export const COMBINE_WINDOW_MINUTES = { min: 30, max: 24 * 60 } as const;

export function clampCombineWindow(minutes: number): number {
  return Math.min(COMBINE_WINDOW_MINUTES.max, Math.max(COMBINE_WINDOW_MINUTES.min, Math.round(minutes)));
}

/** When the combining window of a group whose first order is `first` ends. */
export function sampleWindowEndsAt(first: TikTokOrder, windowMinutes: number): Date {
  return new Date((first.create_time + clampCombineWindow(windowMinutes) * 60) * 1000);
}
