import { useCallback, useState } from "react";
import type { Notice } from "./sync-outcome";

type Toaster = {
  toast?: { show(message: string, options?: { isError?: boolean; duration?: number }): void };
};

// Long enough to read a sentence that names a field and its value; Shopify's default is five seconds.
const READ_MS = 8000;

/**
 * Shows a short message in Shopify's toast (App Bridge's `shopify` global) when the page runs inside the
 * admin, and otherwise hands it back for a Polaris Banner. `useAppBridge()` throws where App Bridge isn't
 * loaded, so the global is read directly, and only in the browser.
 */
export function useNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const notify = useCallback((next: Notice) => {
    const bridge = typeof window === "undefined" ? undefined : (window as { shopify?: Toaster }).shopify;
    if (bridge?.toast)
      bridge.toast.show(next.message, { isError: next.tone === "critical", duration: READ_MS });
    else setNotice(next);
  }, []);
  const dismiss = useCallback(() => setNotice(null), []);
  return { notice, notify, dismiss };
}
