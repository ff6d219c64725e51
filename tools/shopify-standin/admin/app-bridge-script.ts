/**
 * The App Bridge stand-in, served as /app-bridge.js: what the app needs of App Bridge when it runs outside
 * Shopify admin — session tokens on the app's own requests (and the session-token bounce page), leaving the
 * app for the URL a 401 names in X-Shopify-API-Request-Failure-Reauthorize-Url (how billing.request sends the
 * merchant to approve a charge), `shopify.toast`, the navigation menu shown as a bar at the top of the
 * page, the contextual save bar (`ui-save-bar`, `shopify.saveBar`) fixed at the top while it is shown, and
 * `shopify://admin/…` links, which open the stand-in's own admin pages.
 * No resource picker: the app falls back to its own variant search.
 */
export const APP_BRIDGE_SCRIPT = String.raw`(() => {
  const script = document.currentScript;
  const standin = new URL(script.src).origin;
  const params = new URLSearchParams(location.search);
  const shop = params.get("shop") || sessionStorage.getItem("standin-shop") || "";
  if (shop) sessionStorage.setItem("standin-shop", shop);
  const nativeFetch = window.fetch.bind(window);
  let current = { token: params.get("id_token"), expiresAt: 0 };

  async function idToken() {
    if (current.token && current.expiresAt > Date.now() + 5000) return current.token;
    const response = await nativeFetch(standin + "/session-token?shop=" + encodeURIComponent(shop));
    current = await response.json();
    return current.token;
  }

  window.fetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin) return nativeFetch(input, init);
    const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
    headers.set("Authorization", "Bearer " + (await idToken()));
    const response = await nativeFetch(input, { ...init, headers });
    // As App Bridge does: a 401 naming a URL to go to (e.g. a charge to approve) sends the whole page there.
    const reauthorize = response.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url");
    if (response.status === 401 && reauthorize) {
      window.top.location.assign(reauthorize);
      return new Promise(() => {});
    }
    return response;
  };

  if (location.pathname === "/auth/session-token") {
    idToken().then((token) => {
      const target = new URL(params.get("shopify-reload") || "/app", location.href);
      target.searchParams.set("id_token", token);
      location.replace(target.toString());
    });
  }

  // Toasts shown together stack upwards from the bottom centre, the newest lowest, each readable.
  function toastStack() {
    let stack = document.getElementById("standin-toasts");
    if (!stack) {
      stack = document.createElement("div");
      stack.id = "standin-toasts";
      stack.style.cssText = "position:fixed;bottom:24px;left:50%;transform:translateX(-50%);z-index:1000;" +
        "display:flex;flex-direction:column;align-items:center;gap:8px;pointer-events:none";
      document.body.appendChild(stack);
    }
    return stack;
  }
  function toast(message, options = {}) {
    const note = document.createElement("div");
    note.textContent = message;
    note.setAttribute("role", "status");
    note.style.cssText = "padding:10px 16px;border-radius:8px;font:14px system-ui;color:#fff;max-width:80vw;" +
      "background:" + (options.isError ? "#8e1f0b" : "#303030");
    toastStack().appendChild(note);
    setTimeout(() => note.remove(), options.duration || 4000);
  }

  // The contextual save bar: Shopify admin shows it in its top bar, with the element's child buttons as
  // Save (variant="primary") and Discard. Here the element itself becomes that bar, so its buttons are the
  // app's own, clicked as they are; the page moves down under it instead of being covered.
  const saveBars = new Set();
  function placeSaveBars() {
    const shown = [...saveBars].find((bar) => bar.isConnected);
    document.body.style.paddingTop = shown ? shown.offsetHeight + "px" : "";
  }
  class SaveBarElement extends HTMLElement {
    constructor() {
      super();
      // A busy or disabled button does nothing, as in Shopify admin; discarding may ask first.
      this.addEventListener("click", (event) => {
        const button = event.target instanceof Element ? event.target.closest("button") : null;
        if (!button || !this.contains(button)) return;
        const primary = button.getAttribute("variant") === "primary";
        const refused = button.hasAttribute("loading") || button.disabled ||
          (!primary && this.discardConfirmation && !window.confirm("Discard all unsaved changes?"));
        if (refused) {
          event.preventDefault();
          event.stopPropagation();
        }
      }, true);
    }
    get showing() { return saveBars.has(this); }
    get discardConfirmation() { return this.confirmDiscard ?? this.hasAttribute("discardconfirmation"); }
    set discardConfirmation(value) { this.confirmDiscard = Boolean(value); }
    show() { return this.setShowing(true); }
    hide() { return this.setShowing(false); }
    toggle() { return this.setShowing(!this.showing); }
    setShowing(showing) {
      if (showing !== this.showing) {
        if (showing) saveBars.add(this);
        else saveBars.delete(this);
        this.toggleAttribute("data-showing", showing);
        for (const button of this.querySelectorAll("button")) {
          if (!button.textContent.trim())
            button.textContent = button.getAttribute("variant") === "primary" ? "Save" : "Discard";
        }
        placeSaveBars();
        this.dispatchEvent(new Event(showing ? "show" : "hide"));
      }
      return Promise.resolve();
    }
    disconnectedCallback() {
      saveBars.delete(this);
      placeSaveBars();
    }
  }
  customElements.define("ui-save-bar", SaveBarElement);
  const saveBarById = (id) => {
    const bar = document.getElementById(id);
    return bar instanceof SaveBarElement ? bar : null;
  };
  const saveBar = {
    show: (id) => saveBarById(id)?.show() ?? Promise.resolve(),
    hide: (id) => saveBarById(id)?.hide() ?? Promise.resolve(),
    toggle: (id) => saveBarById(id)?.toggle() ?? Promise.resolve(),
    leaveConfirmation: () =>
      saveBars.size === 0 || window.confirm("Leave page with unsaved changes?")
        ? Promise.resolve()
        : new Promise(() => {}),
  };

  window.shopify = {
    config: { apiKey: script.dataset.apiKey, shop, host: params.get("host") },
    environment: { embedded: false, mobile: false, pos: false },
    idToken,
    toast: { show: toast, hide() {} },
    saveBar,
    loading() {},
  };

  // The app's navigation menu, which Shopify admin shows in its side bar, as a bar on top of the page.
  const style = document.createElement("style");
  style.textContent = "ui-nav-menu{display:flex;gap:20px;padding:12px 20px;background:#1a1a1a;font:14px system-ui}" +
    "ui-nav-menu a{color:#e3e3e3;text-decoration:none}ui-nav-menu a:hover{color:#fff;text-decoration:underline}" +
    "ui-save-bar{display:none}" +
    "ui-save-bar[data-showing]{display:flex;align-items:center;gap:8px;position:fixed;top:0;left:0;right:0;" +
    "z-index:999;padding:10px 20px;background:#1a1a1a;color:#e3e3e3;font:600 14px system-ui}" +
    "ui-save-bar[data-showing]::before{content:'Unsaved changes';margin-right:auto}" +
    "ui-save-bar button{font:600 13px system-ui;padding:6px 14px;border-radius:8px;border:1px solid #616161;" +
    "background:#303030;color:#e3e3e3;cursor:pointer}" +
    "ui-save-bar button[variant=primary]{order:1;background:#fff;color:#1a1a1a;border-color:#fff}" +
    "ui-save-bar button[loading],ui-save-bar button:disabled{opacity:.6;cursor:default}";
  document.head.appendChild(style);
  customElements.define("ui-nav-menu", class extends HTMLElement {});

  // A shopify://admin/… link leaves the app for that page of Shopify admin, as App Bridge does: here the
  // stand-in's own (its order page, which hosts the app's admin extensions).
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href^='shopify://admin/']") : null;
    if (!link || event.defaultPrevented || event.button !== 0) return;
    event.preventDefault();
    const store = shop.replace(/\.myshopify\.com$/, "");
    const page = link.getAttribute("href").slice("shopify://admin".length);
    window.top.location.assign(standin + "/store/" + encodeURIComponent(store) + page);
  }, true);
})();
`;
