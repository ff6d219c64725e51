import { useEffect, useRef } from "react";
import type { Notice } from "./sync-outcome";

/** Tells each fetcher answer once, when the page has reloaded what it changed. */
export function useFetcherAnswer<T>(fetcher: { state: string; data?: T }, onAnswer: (answer: T) => void) {
  const told = useRef<unknown>(null);
  useEffect(() => {
    if (fetcher.state !== "idle" || fetcher.data === undefined || told.current === fetcher.data) return;
    told.current = fetcher.data;
    onAnswer(fetcher.data);
  }, [fetcher.state, fetcher.data, onAnswer]);
}

/** An action's answer (`{ ok, message }` or `{ ok: false, error }`) as the page's notice. */
export function answerNotice(answer: { ok: true; message: string } | { ok: false; error: string }): Notice {
  return answer.ok
    ? { tone: "success", message: answer.message }
    : { tone: "critical", message: answer.error };
}
