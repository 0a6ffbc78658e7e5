import type { Redis } from 'ioredis';
import type { ChannelCredentialStore, StoredCredential } from '../../../../src/channels/zalo/channel-credential-store';
import { createZaloOaTokens, type ZaloOaTokensOptions } from '../../../../src/channels/zalo/zalo-oa-tokens';
import type { ZaloOaTokenPair } from '../../../../src/channels/zalo/zalo-oauth-client';
import { createLogger } from '../../../../src/lib/logger';
import { silentLogger } from '../../../support/silent-logger';

const now = new Date('2026-03-01T08:00:00Z');
const HOUR = 3_600_000;

/** The two Redis commands the lock uses, in memory. */
function fakeRedis() {
  const values = new Map<string, string>();
  const redis = {
    async set(key: string, value: string, _px: 'PX', _ms: number, _nx: 'NX') {
      if (values.has(key)) return null;
      values.set(key, value);
      return 'OK' as const;
    },
    async eval(_script: string, _keys: number, key: string, value: string) {
      if (values.get(key) !== value) return 0;
      values.delete(key);
      return 1;
    },
  };
  return { redis: redis as unknown as Redis, values };
}

function memoryStore(initial: Record<string, StoredCredential> = {}, options: { failWrites?: number } = {}) {
  const rows = new Map(Object.entries(initial));
  let failures = options.failWrites ?? 0;
  const store: ChannelCredentialStore = {
    async read() {
      return new Map(rows);
    },
    async write(_channel, credentials) {
      if (failures > 0) {
        failures -= 1;
        throw Object.assign(new Error(`Invalid invocation: ${JSON.stringify(credentials)}`), { code: 'P1001' });
      }
      for (const [name, value] of Object.entries(credentials)) rows.set(name, value);
    },
    async writeMissing(_channel, credentials) {
      for (const [name, value] of Object.entries(credentials)) if (!rows.has(name)) rows.set(name, value);
    },
  };
  return { store, rows };
}

function fakeOAuth(options: { fail?: Error } = {}) {
  const calls: string[] = [];
  return {
    calls,
    async refresh(refreshToken: string): Promise<ZaloOaTokenPair> {
      calls.push(refreshToken);
      if (options.fail) throw options.fail;
      return { accessToken: `A${calls.length}`, refreshToken: `R${calls.length}`, expiresInSeconds: 90_000 };
    },
  };
}

function tokens(overrides: Partial<ZaloOaTokensOptions> & Pick<ZaloOaTokensOptions, 'credentials' | 'oauth'>) {
  return createZaloOaTokens({
    redis: fakeRedis().redis,
    lockKey: 'lock',
    initial: {},
    logger: silentLogger,
    now: () => now,
    pollMs: 5,
    ...overrides,
  });
}

describe('createZaloOaTokens', () => {
  it('stores the settings’ tokens on first use and swaps them for a pair with a known expiry', async () => {
    const empty = memoryStore();
    const oauth = fakeOAuth();
    await expect(tokens({ credentials: empty.store, oauth, initial: { accessToken: 'A0', refreshToken: 'R0' } }).getAccessToken()).resolves.toBe('A1');
    expect(oauth.calls).toEqual(['R0']);
    expect(empty.rows.get('access_token')).toEqual({ value: 'A1', expiresAt: new Date(now.getTime() + 25 * HOUR) });
  });

  it('uses the settings’ access token when that first refresh fails', async () => {
    const empty = memoryStore();
    const t = tokens({ credentials: empty.store, oauth: fakeOAuth({ fail: new Error('oauth down') }), initial: { accessToken: 'A0', refreshToken: 'R0' } });
    await expect(t.getAccessToken()).resolves.toBe('A0');
    expect(empty.rows.get('refresh_token')).toEqual({ value: 'R0', expiresAt: null });
  });

  it('never stores the settings’ tokens over stored ones', async () => {
    const oauth = fakeOAuth();

    const rotated = memoryStore({ access_token: { value: 'A7', expiresAt: new Date(now.getTime() + 20 * HOUR) }, refresh_token: { value: 'R7', expiresAt: null } });
    await expect(tokens({ credentials: rotated.store, oauth, initial: { accessToken: 'A0', refreshToken: 'R0' } }).getAccessToken()).resolves.toBe('A7');
    expect(oauth.calls).toEqual([]);
  });

  it('refreshes when less than an hour is left, and saves the pair with its expiry', async () => {
    const { store, rows } = memoryStore({ access_token: { value: 'A0', expiresAt: new Date(now.getTime() + 59 * 60_000) }, refresh_token: { value: 'R0', expiresAt: null } });
    const oauth = fakeOAuth();
    await expect(tokens({ credentials: store, oauth }).getAccessToken()).resolves.toBe('A1');
    expect(oauth.calls).toEqual(['R0']);
    expect(rows.get('access_token')).toEqual({ value: 'A1', expiresAt: new Date(now.getTime() + 25 * HOUR) });
    expect(rows.get('refresh_token')?.value).toBe('R1');
  });

  it('does not refresh a token with more than an hour left', async () => {
    const { store } = memoryStore({ access_token: { value: 'A0', expiresAt: new Date(now.getTime() + 2 * HOUR) }, refresh_token: { value: 'R0', expiresAt: null } });
    const oauth = fakeOAuth();
    await expect(tokens({ credentials: store, oauth }).getAccessToken()).resolves.toBe('A0');
    expect(oauth.calls).toEqual([]);
  });

  it('after a rejection, uses a newer stored token instead of refreshing again', async () => {
    const { store } = memoryStore({ access_token: { value: 'A5', expiresAt: null }, refresh_token: { value: 'R5', expiresAt: null } });
    const oauth = fakeOAuth();
    await expect(tokens({ credentials: store, oauth }).refreshAfterRejection('A4')).resolves.toBe('A5');
    expect(oauth.calls).toEqual([]);
  });

  it('shares one refresh between callers of the same process', async () => {
    const { store } = memoryStore({ access_token: { value: 'A0', expiresAt: null }, refresh_token: { value: 'R0', expiresAt: null } });
    const oauth = fakeOAuth();
    const t = tokens({ credentials: store, oauth });
    await expect(Promise.all([t.refreshAfterRejection('A0'), t.refreshAfterRejection('A0')])).resolves.toEqual(['A1', 'A1']);
    expect(oauth.calls).toEqual(['R0']);
  });

  it('waits for the lock holder and takes the token it stored', async () => {
    const { store, rows } = memoryStore({ access_token: { value: 'A0', expiresAt: null }, refresh_token: { value: 'R0', expiresAt: null } });
    const { redis, values } = fakeRedis();
    values.set('lock', 'another process');
    const oauth = fakeOAuth();
    const waiting = tokens({ credentials: store, oauth, redis }).refreshAfterRejection('A0');
    await new Promise((resolve) => setTimeout(resolve, 30));
    rows.set('access_token', { value: 'A9', expiresAt: null });
    values.delete('lock');
    await expect(waiting).resolves.toBe('A9');
    expect(oauth.calls).toEqual([]);
  });

  it('keeps a rotated pair the database refused in memory, uses it, and saves it later', async () => {
    const { store, rows } = memoryStore({ access_token: { value: 'A0', expiresAt: null }, refresh_token: { value: 'R0', expiresAt: null } }, { failWrites: 3 });
    const lines: string[] = [];
    const logger = createLogger({ level: 'error' });
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const t = tokens({ credentials: store, oauth: fakeOAuth(), logger });
      await expect(t.refreshAfterRejection('A0')).resolves.toBe('A1');
      expect(rows.get('refresh_token')?.value).toBe('R0');
      // The next use saves it (the database is back).
      await expect(t.getAccessToken()).resolves.toBe('A1');
      expect(rows.get('refresh_token')?.value).toBe('R1');
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('')).toContain('could not save the rotated Zalo OA tokens');
    expect(lines.join('')).not.toMatch(/"A1"|"R1"/);
  }, 10_000);

  it('goes on with the current token when a refresh ahead of expiry fails', async () => {
    const { store } = memoryStore({ access_token: { value: 'A0', expiresAt: new Date(now.getTime() + 30 * 60_000) }, refresh_token: { value: 'R0', expiresAt: null } });
    await expect(tokens({ credentials: store, oauth: fakeOAuth({ fail: new Error('oauth down') }) }).getAccessToken()).resolves.toBe('A0');
  });

  it('says what to set when there is no token at all', async () => {
    await expect(tokens({ credentials: memoryStore().store, oauth: fakeOAuth() }).getAccessToken()).rejects.toThrow(
      'set ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN',
    );
  });
});
