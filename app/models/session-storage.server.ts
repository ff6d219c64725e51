import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import type { Session as PrismaSession } from "@prisma/client";
import prisma, { database } from "~/db.server";
import { utcDate } from "~/db/json-row.server";
import { env } from "~/env.server";
import { decryptWithAny, DecryptionError, encrypt, isSealed, parseKey } from "~/lib/encryption.server";

/**
 * Shopify's sessions, stored with their access and refresh tokens encrypted (AES-256-GCM under
 * TOKEN_ENCRYPTION_KEY, as TikTok's tokens are): Prisma's session storage underneath sees only ciphertext.
 */

const key = parseKey(env.TOKEN_ENCRYPTION_KEY);
// During a key rotation, tokens not yet re-encrypted are still read with the previous key.
const keys = env.TOKEN_ENCRYPTION_KEY_PREVIOUS ? [key, parseKey(env.TOKEN_ENCRYPTION_KEY_PREVIOUS)] : [key];

/**
 * A stored token in clear: opened with the current or the previous key, or as stored when it was stored
 * before tokens were encrypted; null when no key opens it.
 */
export function openStoredToken(stored: string): string | null {
  if (!isSealed(stored)) return stored;
  try {
    return decryptWithAny(stored, keys);
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
}

const warned = new Set<string>();

/** The session with its tokens opened; undefined, said once in the log, when they can't be. */
function opened(session: Session): Session | undefined {
  const accessToken = session.accessToken ? openStoredToken(session.accessToken) : undefined;
  const refreshToken = session.refreshToken ? openStoredToken(session.refreshToken) : undefined;
  if (accessToken === null || refreshToken === null) {
    // Treated as no session: the library then gets a new one when the merchant next opens the app.
    if (!warned.has(session.id))
      console.warn(`The stored Shopify session ${session.id} can't be decrypted with TOKEN_ENCRYPTION_KEY.`);
    warned.add(session.id);
    return undefined;
  }
  return new Session({
    ...session.toObject(),
    ...(accessToken ? { accessToken } : {}),
    ...(refreshToken ? { refreshToken } : {}),
  });
}

function sealed(session: Session): Session {
  const { accessToken, refreshToken } = session;
  return new Session({
    ...session.toObject(),
    ...(accessToken ? { accessToken: encrypt(accessToken, key) } : {}),
    ...(refreshToken ? { refreshToken: encrypt(refreshToken, key) } : {}),
  });
}

/** The session storage of `shopifyApp`: encrypts on store, decrypts on load. */
export class EncryptedSessionStorage {
  private readonly stored = new PrismaSessionStorage(prisma);

  storeSession(session: Session): Promise<boolean> {
    return this.stored.storeSession(sealed(session));
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const session = await loadStoredSession(id);
    return session && opened(session);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const sessions = await this.stored.findSessionsByShop(shop);
    return sessions.map(opened).filter((session) => session !== undefined);
  }

  deleteSession(id: string): Promise<boolean> {
    return this.stored.deleteSession(id);
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.stored.deleteSessions(ids);
  }
}

type SessionRow = Omit<PrismaSession, "userId" | "expires" | "refreshTokenExpires"> & {
  userId: string | null;
  expires: string | null;
  refreshTokenExpires: string | null;
};

/**
 * A stored session as the Prisma session storage loads it (its `rowToSession`, field for field), read
 * straight from the driver: every Shopify webhook loads its store's session, and Prisma's own cost per query
 * was a good part of a fulfilment webhook's CPU.
 */
async function loadStoredSession(id: string): Promise<Session | undefined> {
  const [row] = await database.query<SessionRow>(
    `SELECT "id", "shop", "state", "isOnline", "scope", to_jsonb("expires") #>> '{}' AS "expires",
       "accessToken", "userId"::text AS "userId", "firstName", "lastName", "email", "accountOwner", "locale",
       "collaborator", "emailVerified", "refreshToken",
       to_jsonb("refreshTokenExpires") #>> '{}' AS "refreshTokenExpires"
     FROM "Session" WHERE "id" = $1`,
    [id],
  );
  if (!row) return undefined;
  const params: Record<string, unknown> = {
    id: row.id,
    shop: row.shop,
    state: row.state,
    isOnline: row.isOnline,
    userId: String(row.userId),
    firstName: String(row.firstName),
    lastName: String(row.lastName),
    email: String(row.email),
    locale: String(row.locale),
  };
  if (row.accountOwner !== null) params.accountOwner = row.accountOwner;
  if (row.collaborator !== null) params.collaborator = row.collaborator;
  if (row.emailVerified !== null) params.emailVerified = row.emailVerified;
  if (row.expires) params.expires = utcDate(row.expires).getTime();
  if (row.scope) params.scope = row.scope;
  if (row.accessToken) params.accessToken = row.accessToken;
  if (row.refreshToken) params.refreshToken = row.refreshToken;
  if (row.refreshTokenExpires) params.refreshTokenExpires = utcDate(row.refreshTokenExpires).getTime();
  return Session.fromPropertyArray(Object.entries(params) as [string, string | number | boolean][], true);
}

type TokenColumns = { id: string; accessToken: string; refreshToken: string | null };

/**
 * Rewrites each session's tokens with `reseal`. A row is written only while it still holds what was read,
 * so a token the app stored meanwhile (already sealed under the current key) is never overwritten.
 * Returns how many rows were rewritten.
 */
async function resealSessions(rows: TokenColumns[], reseal: (token: string) => string): Promise<number> {
  let rewritten = 0;
  for (const row of rows) {
    const { count } = await prisma.session.updateMany({
      where: { id: row.id, accessToken: row.accessToken, refreshToken: row.refreshToken },
      data: {
        accessToken: row.accessToken === "" ? "" : reseal(row.accessToken),
        refreshToken: row.refreshToken === null ? null : reseal(row.refreshToken),
      },
    });
    rewritten += count;
  }
  return rewritten;
}

const columns = { id: true, accessToken: true, refreshToken: true } as const;

/** Encrypts the tokens of sessions stored in clear (before tokens were encrypted). Safe to run again. */
export async function sealPlaintextSessions(): Promise<number> {
  const rows = await prisma.session.findMany({ select: columns });
  const clear = (token: string | null) => token !== null && token !== "" && !isSealed(token);
  const plaintext = rows.filter((row) => clear(row.accessToken) || clear(row.refreshToken));
  return resealSessions(plaintext, (token) => (isSealed(token) ? token : encrypt(token, key)));
}

/**
 * Re-encrypts every session's tokens under the current key (a key rotation). A token no key opens stops it
 * with a DecryptionError before that row is written.
 */
export async function reencryptSessionTokens(): Promise<number> {
  const rows = await prisma.session.findMany({ select: columns });
  return resealSessions(rows, (token) => {
    const plain = isSealed(token) ? decryptWithAny(token, keys) : token;
    return encrypt(plain, key);
  });
}

// Sessions stored in clear before this storage existed are encrypted once, at start-up.
await sealPlaintextSessions();
