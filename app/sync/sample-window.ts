import { COMBINE_WINDOW_MINUTES } from "~/models/settings";
import type { TikTokOrder } from "~/tiktok/types";

export function clampCombineWindow(minutes: number): number {
  return Math.min(COMBINE_WINDOW_MINUTES.max, Math.max(COMBINE_WINDOW_MINUTES.min, Math.round(minutes)));
}

/** When the combining window of a group whose first order is `first` ends. */
export function sampleWindowEndsAt(first: TikTokOrder, windowMinutes: number): Date {
  return new Date((first.create_time + clampCombineWindow(windowMinutes) * 60) * 1000);
}
