/**
 * pglite-prisma-adapter 0.6 reports database errors in the older `{ kind: "postgres", code }` shape, which
 * Prisma 6.19 no longer maps to its error codes: a unique violation would surface as a bare adapter error
 * instead of P2002. This wraps the adapter so PGlite's errors take the shape @prisma/adapter-pg gives them,
 * and the app handles P2002/P2003/P2011 the same on PGlite and PostgreSQL.
 */
type PostgresCause = { kind: "postgres"; code: string; message: string; detail?: string; column?: string };

const fieldsOf = (detail?: string) => detail?.match(/Key \(([^)]+)\)/)?.[1]?.split(", ");

function typedCause(cause: PostgresCause): Record<string, unknown> | undefined {
  const fields = fieldsOf(cause.detail);
  const constraint = fields ? { fields } : undefined;
  switch (cause.code) {
    case "23505":
      return { kind: "UniqueConstraintViolation", constraint };
    case "23502":
      return { kind: "NullConstraintViolation", constraint };
    case "23503":
      return { kind: "ForeignKeyConstraintViolation", constraint };
    case "40001":
      return { kind: "TransactionWriteConflict" };
    default:
      return undefined;
  }
}

function translate(error: unknown): never {
  const cause = (error as { name?: string; cause?: PostgresCause }).cause;
  if ((error as Error).name === "DriverAdapterError" && cause?.kind === "postgres") {
    const typed = typedCause(cause);
    if (typed) {
      (error as { cause: unknown }).cause = {
        originalCode: cause.code,
        originalMessage: cause.message,
        ...typed,
      };
    }
  }
  throw error;
}

const hasQueries = (value: unknown): value is object =>
  typeof value === "object" && value !== null && "queryRaw" in value;

/** Wraps a driver adapter factory, and every adapter and transaction it hands out. */
export function withTypedErrors<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(object, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (resolved) => (hasQueries(resolved) ? withTypedErrors(resolved) : resolved),
          translate,
        );
      };
    },
  });
}
