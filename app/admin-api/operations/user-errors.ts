/** A mutation's userErrors, as every Admin mutation returns them. */
export type UserError = { field?: string[] | null; message: string; code?: string | null };

export type MutationResult<T> = { ok: true; value: T } | { ok: false; userErrors: UserError[] };

export function userErrorText(errors: UserError[]): string {
  return errors
    .map((error) => (error.field?.length ? `${error.field.join(".")}: ${error.message}` : error.message))
    .join("; ");
}
