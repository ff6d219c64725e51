import prisma from "~/db.server";

export async function deleteSessions(shopDomain: string): Promise<void> {
  await prisma.session.deleteMany({ where: { shop: shopDomain } });
}

export async function updateSessionScope(sessionId: string, scope: string): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId }, data: { scope } });
}
