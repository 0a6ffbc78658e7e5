import type { ChannelCredentialStore, StoredCredential } from '../channels/zalo/channel-credential-store';
import type { PrismaClient } from './generated/client';

/** Channel credentials in the `channel_credentials` table, one row per channel and name. */
export function createPrismaChannelCredentialStore(prisma: PrismaClient): ChannelCredentialStore {
  return {
    async read(channel) {
      const rows = await prisma.channelCredential.findMany({ where: { channel } });
      return new Map<string, StoredCredential>(rows.map((row) => [row.name, { value: row.value, expiresAt: row.expiresAt }]));
    },

    async write(channel, credentials) {
      // One transaction: a rotated refresh token is never saved without its access token.
      await prisma.$transaction(
        Object.entries(credentials).map(([name, { value, expiresAt }]) =>
          prisma.channelCredential.upsert({
            where: { channel_name: { channel, name } },
            create: { channel, name, value, expiresAt },
            update: { value, expiresAt },
          }),
        ),
      );
    },

    async writeMissing(channel, credentials) {
      await prisma.channelCredential.createMany({
        data: Object.entries(credentials).map(([name, { value, expiresAt }]) => ({ channel, name, value, expiresAt })),
        skipDuplicates: true,
      });
    },
  };
}
