import { createPrismaChannelCredentialStore } from '../../../../src/db/prisma-channel-credential-store';
import { migrateDatabase } from '../../../../src/db/migrate-database';
import { type Backend, backends, createTestDatabase, type TestDatabase } from '../../../support/test-database';

jest.setTimeout(60_000);

describe.each(backends)('PrismaChannelCredentialStore on %s', (backend: Backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    await migrateDatabase(t.db);
  });
  afterAll(async () => t.dispose());
  beforeEach(async () => {
    await t.db.prisma.channelCredential.deleteMany();
  });

  const expiresAt = new Date('2026-03-02T09:00:00Z');

  it('writes several credentials and reads them back by name, per channel', async () => {
    const store = createPrismaChannelCredentialStore(t.db.prisma);
    await store.write('zalo_oa', { access_token: { value: 'A1', expiresAt }, refresh_token: { value: 'R1', expiresAt: null } });
    await store.write('zalo_oa', { access_token: { value: 'A2', expiresAt }, refresh_token: { value: 'R2', expiresAt: null } });
    const read = await store.read('zalo_oa');
    expect(Object.fromEntries(read)).toEqual({ access_token: { value: 'A2', expiresAt }, refresh_token: { value: 'R2', expiresAt: null } });
    expect((await store.read('zalo_bot')).size).toBe(0);
  });

  it('saves a pair all or nothing', async () => {
    const store = createPrismaChannelCredentialStore(t.db.prisma);
    await store.write('zalo_oa', { access_token: { value: 'A1', expiresAt }, refresh_token: { value: 'R1', expiresAt: null } });
    // An invalid date makes the second row fail: the first must not stay written alone.
    await expect(
      store.write('zalo_oa', { access_token: { value: 'A2', expiresAt }, refresh_token: { value: 'R2', expiresAt: new Date(Number.NaN) } }),
    ).rejects.toThrow();
    expect((await store.read('zalo_oa')).get('access_token')?.value).toBe('A1');
  });

  it('writes missing credentials without overwriting stored ones', async () => {
    const store = createPrismaChannelCredentialStore(t.db.prisma);
    await store.write('zalo_oa', { refresh_token: { value: 'R7', expiresAt: null } });
    await store.writeMissing('zalo_oa', { access_token: { value: 'A0', expiresAt: null }, refresh_token: { value: 'R0', expiresAt: null } });
    const read = await store.read('zalo_oa');
    expect(read.get('access_token')?.value).toBe('A0');
    expect(read.get('refresh_token')?.value).toBe('R7');
  });
});
