/**
 * The browser side of the stand-in's admin order page (admin/extension-host.ts).
 *
 * EXTENSION_RUNTIME_SCRIPT runs in each extension target's sandbox, before the target's module: it gives the
 * module what Shopify admin gives it (API version 2025-10) —
 * - the `shopify` global of the target: `data.selected` (the order), `i18n.translate` (the extension's
 *   English strings), `extension.target`, `auth.idToken()`, `close()` for an action, `navigation.navigate`;
 * - `fetch` of a relative URL sent to the app, with the store's ID token in `Authorization` (what Shopify
 *   does for an admin extension's `fetch`);
 * - Polaris web components (`s-admin-block`, `s-admin-action`, `s-stack`, `s-text`, `s-badge`, `s-banner`,
 *   `s-link`, `s-button`), drawn plainly by the stand-in: enough to read and click, not Shopify's look;
 * and it tells the page its height, a should-render's answer, a close or a navigation.
 *
 * ORDER_PAGE_SCRIPT runs on the order page: it sizes the blocks, asks each action's should-render whether
 * to offer it under More actions, opens an action in a modal, and follows an `app:` link into the app.
 */
export const EXTENSION_RUNTIME_SCRIPT = String.raw`(() => {
  const config = JSON.parse(document.getElementById("extension-config").textContent);
  const post = (message) => parent.postMessage({ ...message, frame: config.frame }, location.origin);
  const nativeFetch = window.fetch.bind(window);
  let session = { token: null, expiresAt: 0 };

  async function idToken() {
    if (session.token && session.expiresAt > Date.now() + 5000) return session.token;
    const response = await nativeFetch("/session-token?shop=" + encodeURIComponent(config.shop));
    session = await response.json();
    return session.token;
  }

  // As Shopify does for an admin extension: a relative URL is the app's, sent with the store's ID token.
  window.fetch = async (input, init = {}) => {
    const raw = input instanceof Request ? input.url : String(input);
    if (!raw.startsWith("/")) return nativeFetch(input, init);
    const headers = new Headers(init.headers);
    headers.set("Authorization", "Bearer " + (await idToken()));
    return nativeFetch(config.appUrl + raw, { ...init, headers });
  };

  const translate = (key, options = {}) => {
    const text = config.strings[key];
    if (text === undefined) throw new Error('locales/en.default.json has no "' + key + '"');
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => String(options[name] ?? ""));
  };
  window.shopify = {
    extension: { target: config.target },
    data: { selected: [{ id: config.orderGid }] },
    i18n: {
      translate,
      formatNumber: (number) => new Intl.NumberFormat("en").format(number),
      formatCurrency: (number, options = {}) =>
        new Intl.NumberFormat("en", { style: "currency", currency: options.currency || "USD" }).format(number),
      formatDate: (date) => new Intl.DateTimeFormat("en").format(date),
    },
    auth: { idToken },
    close: () => post({ kind: "close" }),
    navigation: { navigate: (url) => post({ kind: "navigate", url: String(url) }) },
    // @shopify/ui-extensions/preact hands over @preact/signals on import; nothing here needs it.
    setSignals: () => {},
  };

  window.__runExtension = async (run) => {
    const result = await run();
    if (config.target.endsWith(".should-render")) post({ kind: "should-render", display: !!result?.display });
  };

  const resize = () => post({ kind: "height", height: document.body.scrollHeight });
  new ResizeObserver(resize).observe(document.body);
  new MutationObserver(resize).observe(document.body, { childList: true, subtree: true, attributes: true });

  const TONES = {
    success: ["#cdfee1", "#0c5132"],
    info: ["#e0f0ff", "#00527c"],
    warning: ["#fff1e3", "#5e4200"],
    critical: ["#fee9e8", "#8e0b21"],
    neutral: ["#e3e3e3", "#303030"],
  };
  const tone = (element) => TONES[element.getAttribute("tone")] || TONES.neutral;

  function define(name, observed, draw) {
    customElements.define(
      name,
      class extends HTMLElement {
        static get observedAttributes() {
          return observed;
        }
        constructor() {
          super();
          this.attachShadow({ mode: "open" });
        }
        connectedCallback() {
          draw(this, this.shadowRoot);
        }
        attributeChangedCallback() {
          if (this.isConnected) draw(this, this.shadowRoot);
        }
      },
    );
  }
  const text = (value) => String(value ?? "").replace(/[&<>"]/g, (c) => "&#" + c.charCodeAt(0) + ";");
  const on = (value) => value !== null && value !== "false";

  define("s-admin-block", ["heading"], (host, root) => {
    root.innerHTML =
      '<style>:host{display:block}section{background:#fff;border-radius:12px;box-shadow:0 1px 0 rgba(0,0,0,.1);padding:16px;margin-bottom:16px}h2{font-size:14px;margin:0 0 8px}</style>' +
      "<section><h2>" + text(host.getAttribute("heading")) + "</h2><slot></slot></section>";
  });
  define("s-admin-action", ["heading", "loading"], (host, root) => {
    const busy = on(host.getAttribute("loading"));
    root.innerHTML =
      '<style>:host{display:block}div.a{padding:16px}h2{font-size:16px;margin:0 0 12px}footer{display:flex;justify-content:flex-end;gap:8px;margin-top:16px}p{color:#616161;margin:8px 0 0}</style>' +
      '<div class="a" role="dialog" aria-label="' + text(host.getAttribute("heading")) + '" aria-busy="' + busy + '">' +
      "<h2>" + text(host.getAttribute("heading")) + "</h2><slot></slot>" +
      (busy ? '<p role="status">Working…</p>' : "") +
      '<footer><slot name="secondary-actions"></slot><slot name="primary-action"></slot></footer></div>';
  });
  define("s-stack", ["direction", "gap", "alignitems"], (host, root) => {
    const inline = host.getAttribute("direction") === "inline";
    const gap = (host.getAttribute("gap") || "").startsWith("small") ? "4px" : "12px";
    root.innerHTML =
      "<style>:host{display:flex;flex-direction:" + (inline ? "row;flex-wrap:wrap;align-items:center" : "column") +
      ";gap:" + gap + "}</style><slot></slot>";
  });
  define("s-text", ["type", "tone", "color"], (host, root) => {
    const strong = host.getAttribute("type") === "strong";
    const color = host.getAttribute("tone") === "critical" ? "#8e0b21" : host.getAttribute("color") === "subdued" ? "#616161" : "inherit";
    root.innerHTML = "<style>:host{display:inline;color:" + color + ";font-weight:" + (strong ? 600 : 400) + "}</style><slot></slot>";
  });
  define("s-badge", ["tone"], (host, root) => {
    const [background, color] = tone(host);
    root.innerHTML =
      "<style>:host{display:inline-block;background:" + background + ";color:" + color +
      ";border-radius:8px;padding:2px 8px;font-size:12px;font-weight:550}</style><slot></slot>";
  });
  define("s-banner", ["tone", "heading"], (host, root) => {
    const [background, color] = tone(host);
    root.innerHTML =
      "<style>:host{display:block;background:" + background + ";color:" + color +
      ';border-radius:8px;padding:8px 12px}</style><div role="status"><slot></slot></div>';
  });
  define("s-link", ["href"], (host, root) => {
    root.innerHTML = '<style>a{color:#005bd3}</style><a href="#"><slot></slot></a>';
    root.querySelector("a").addEventListener("click", (event) => {
      event.preventDefault();
      const href = host.getAttribute("href") || "";
      if (href.startsWith("app:")) post({ kind: "navigate", url: href });
      else if (href) window.open(href, "_blank", "noopener");
    });
  });
  define("s-button", ["variant", "disabled"], (host, root) => {
    const primary = host.getAttribute("variant") === "primary";
    root.innerHTML =
      "<style>button{font:inherit;border-radius:8px;padding:6px 12px;cursor:pointer;border:1px solid " +
      (primary ? "#303030;background:#303030;color:#fff" : "#c9c9c9;background:#fff;color:#303030") +
      "}button:disabled{opacity:.5;cursor:default}</style><button type=\"button\"><slot></slot></button>";
    root.querySelector("button").disabled = on(host.getAttribute("disabled"));
  });
})();`;

export const ORDER_PAGE_SCRIPT = String.raw`(() => {
  const page = JSON.parse(document.getElementById("page-config").textContent);
  const menu = document.getElementById("more-menu");
  const more = document.getElementById("more-actions");
  const frames = new Map();

  const openApp = (url) => {
    // "app:app/orders/1" is the app's own path, opened in the app as Shopify admin does.
    window.location.assign(page.appPath + "/" + String(url).replace(/^app:\/?/, ""));
  };

  function sandbox(src, onMessage) {
    const iframe = document.createElement("iframe");
    iframe.src = src;
    frames.set(new URL(src, location.href).searchParams.get("frame"), { iframe, onMessage });
    return iframe;
  }

  for (const iframe of document.querySelectorAll("iframe.block")) {
    frames.set(new URL(iframe.src).searchParams.get("frame"), {
      iframe,
      onMessage: (message) => message.kind === "navigate" && openApp(message.url),
    });
  }

  more.addEventListener("click", () => {
    const open = menu.hidden;
    menu.hidden = !open;
    more.setAttribute("aria-expanded", String(open));
  });

  function openAction(action) {
    menu.hidden = true;
    more.setAttribute("aria-expanded", "false");
    const overlay = document.createElement("div");
    overlay.className = "overlay";
    const close = () => {
      overlay.remove();
      more.focus();
    };
    const iframe = sandbox(action.frame, (message) => {
      if (message.kind === "close") close();
      if (message.kind === "navigate") openApp(message.url);
    });
    iframe.title = action.name;
    overlay.append(iframe);
    overlay.addEventListener("click", (event) => event.target === overlay && close());
    document.body.append(overlay);
  }

  for (const action of page.actions) {
    const item = document.createElement("button");
    item.type = "button";
    item.setAttribute("role", "menuitem");
    item.textContent = action.name;
    item.hidden = true;
    item.addEventListener("click", () => openAction(action));
    menu.append(item);
    const offer = (display) => {
      item.hidden = !display;
      document.getElementById("no-actions").hidden = [...menu.querySelectorAll("[role=menuitem]")].some((i) => !i.hidden);
    };
    if (!action.shouldRender) offer(true);
    else {
      const probe = sandbox(action.shouldRender, (message) => {
        if (message.kind !== "should-render") return;
        offer(message.display);
        probe.remove();
      });
      probe.hidden = true;
      document.body.append(probe);
    }
  }

  window.addEventListener("message", (event) => {
    if (event.origin !== location.origin || !event.data || typeof event.data !== "object") return;
    const entry = frames.get(String(event.data.frame));
    if (!entry || event.source !== entry.iframe.contentWindow) return;
    if (event.data.kind === "height") entry.iframe.style.height = event.data.height + "px";
    else entry.onMessage(event.data);
  });
})();`;
