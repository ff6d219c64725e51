import { Prisma } from "@prisma/client";

/**
 * A row read as `to_jsonb(row)` by a statement sent straight to the driver, turned into what Prisma would
 * have returned for it. jsonb carries everything but dates in the shape Prisma uses (strings for enums,
 * numbers, booleans, arrays, the Json columns as values); `timestamp(3)` columns come as ISO text without a
 * zone, which is UTC as Prisma writes them.
 */
export function fromJsonRow<Row>(model: Prisma.ModelName, json: Record<string, unknown>): Row {
  const row: Record<string, unknown> = { ...json };
  for (const field of dateFields(model)) {
    const value = row[field];
    if (typeof value === "string") row[field] = utcDate(value);
  }
  return row as Row;
}

/** A `timestamp(3)` value as jsonb or the text driver gives it ("2026-11-28T16:00:00.123"), read as UTC. */
export function utcDate(value: string): Date {
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value.replace(" ", "T")}Z`);
}

const dateFieldsByModel = new Map<string, readonly string[]>();

function dateFields(model: Prisma.ModelName): readonly string[] {
  let fields = dateFieldsByModel.get(model);
  if (!fields) {
    const found = Prisma.dmmf.datamodel.models.find((candidate) => candidate.name === model);
    if (!found) throw new Error(`No model ${model} in the Prisma schema`);
    fields = found.fields.filter((field) => field.type === "DateTime").map((field) => field.name);
    dateFieldsByModel.set(model, fields);
  }
  return fields;
}
