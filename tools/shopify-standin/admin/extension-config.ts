import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The app's admin UI extensions as Shopify reads them from each `extensions/<folder>/shopify.extension.toml`
 * (`type = "ui_extension"`): for each target, the module that renders it, and for an action the module of
 * its `should_render` target. Read by the stand-in's admin order page, which hosts them, and by the tests
 * that run them (test/admin-extension.ts).
 */
export type AdminExtensionTarget = {
  /** The extension's folder under extensions/. */
  folder: string;
  target: string;
  /** The module, relative to the extension's folder. */
  module: string;
};

/** Every target of one extension's toml, `<action>.should-render` listed as a target of its own. */
export function readExtensionTargets(toml: string, folder = ""): AdminExtensionTarget[] {
  const blocks: { target?: string; module?: string; shouldRender?: string }[] = [];
  let section: "targeting" | "should_render" | null = null;
  for (const line of toml.split("\n").map((text) => text.trim())) {
    if (line === "[[extensions.targeting]]") {
      blocks.push({});
      section = "targeting";
    } else if (line === "[extensions.targeting.should_render]") section = "should_render";
    else if (line.startsWith("[")) section = null;
    const [, key, value] = /^(target|module)\s*=\s*"([^"]+)"/.exec(line) ?? [];
    const block = blocks.at(-1);
    if (!block || !section || !value) continue;
    if (section === "should_render") block.shouldRender = key === "module" ? value : block.shouldRender;
    else block[key === "target" ? "target" : "module"] = value;
  }
  return blocks.flatMap(({ target, module, shouldRender }) => {
    if (!target || !module) return [];
    const own = { folder, target, module };
    if (!shouldRender) return [own];
    return [own, { folder, target: target.replace(/\.render$/, ".should-render"), module: shouldRender }];
  });
}

/** The targets of every ui_extension under `extensionsDir`. */
export function readAdminExtensions(extensionsDir: string): AdminExtensionTarget[] {
  if (!existsSync(extensionsDir)) return [];
  return readdirSync(extensionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const file = path.join(extensionsDir, entry.name, "shopify.extension.toml");
      if (!existsSync(file)) return [];
      const toml = readFileSync(file, "utf8");
      return /^\s*type\s*=\s*"ui_extension"/m.test(toml) ? readExtensionTargets(toml, entry.name) : [];
    });
}
