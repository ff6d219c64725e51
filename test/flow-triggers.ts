import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseToml, type TomlTable } from "./toml";

/**
 * The app's Flow triggers as Shopify deploys them, read from their extensions' TOML (ADR 029): each handle
 * with its payload keys, as the Shopify stand-in's `setFlowTriggerDefinitions` takes them.
 */
const EXTENSIONS = path.resolve(process.cwd(), "extensions");

// A reference field's payload key is its object's id (order_reference → order_id); a custom field's is its key.
export const REFERENCE_FIELD_TYPES = ["customer_reference", "order_reference", "product_reference"];

export const payloadKeyOf = (field: TomlTable): string =>
  REFERENCE_FIELD_TYPES.includes(String(field.type))
    ? `${String(field.type).replace(/_reference$/, "")}_id`
    : String(field.key);

export const readExtension = (folder: string): TomlTable =>
  parseToml(readFileSync(path.join(EXTENSIONS, folder, "shopify.extension.toml"), "utf8"));

export const triggerFields = (toml: TomlTable): TomlTable[] =>
  ((toml.settings as TomlTable | undefined)?.fields ?? []) as TomlTable[];

/** Every `flow_trigger` extension under extensions/, as deployed: its handle and payload keys. */
export function deployedFlowTriggers(): { handle: string; fields: string[] }[] {
  return readdirSync(EXTENSIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readExtension(entry.name))
    .flatMap((toml) =>
      ((toml.extensions ?? []) as TomlTable[])
        .filter((extension) => extension.type === "flow_trigger")
        .map((extension) => ({
          handle: String(extension.handle),
          fields: triggerFields(toml).map(payloadKeyOf),
        })),
    );
}
