import prisma from "~/db.server";

export async function deleteSessions(shopDomain: string): Promise<void> {
  await prisma.session.deleteMany({ where: { shop: shopDomain } });
}

/** The scopes the store granted the app, on each of its sessions. */
export async function updateSessionScope(shopDomain: string, scope: string): Promise<void> {
  await prisma.session.updateMany({ where: { shop: shopDomain }, data: { scope } });
}
