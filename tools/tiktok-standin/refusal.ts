import type { z } from "zod";
import { invalidParam, tiktokError, type Reply } from "./http-kit";

/** A refused Open API call, thrown so an endpoint's checks read in order; the route answers with its reply. */
export class Refusal extends Error {
  constructor(readonly reply: Reply) {
    super(JSON.stringify(reply.body));
  }
}

/** A JSON request body as the endpoints read it; undefined when it is not a JSON object. */
export type Body = Record<string, unknown> | undefined;

/** Runs an endpoint that refuses by throwing a Refusal, and answers a refusal with its TikTok error. */
export async function answer(run: () => Reply | Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refusal) return error.reply;
    throw error;
  }
}

export function refuse(status: number, code: number, message: string): Refusal {
  return new Refusal(tiktokError(status, code, message));
}

/** A request body as the schema reads it; TikTok names the first field it cannot use. */
export function parse<S extends z.ZodType>(schema: S, body: Body): z.infer<S> {
  if (!body) throw new Refusal(invalidParam("The request body must be a JSON object."));
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? "body");
  throw new Refusal(invalidParam(`${field} is ${body[field] === undefined ? "required" : "invalid"}.`));
}
