import prisma from "~/db.server";

export async function deleteSessions(shopDomain: string): Promise<void> {
  await prisma.session.deleteMany({ where: { shop: shopDomain } });
}

/** The scopes the store granted, as its offline session has them; undefined for a store without one. */
export async function findGrantedScope(shopDomain: string): Promise<string | null | undefined> {
  const session = await prisma.session.findFirst({
    where: { shop: shopDomain, isOnline: false },
    select: { scope: true },
  });
  return session ? session.scope : undefined;
}

/** The scopes the store granted the app, on each of its sessions. */
export async function updateSessionScope(shopDomain: string, scope: string): Promise<void> {
  await prisma.session.updateMany({ where: { shop: shopDomain }, data: { scope } });
}
