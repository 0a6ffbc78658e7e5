import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../../lib/logger';
import type { ChannelCredentialStore, StoredCredential } from './channel-credential-store';
import { ZaloHttpError } from './zalo-errors';
import type { ZaloOaTokenPair } from './zalo-oauth-client';

/** The OA's access token for each request, refreshed ahead of expiry and when Zalo refuses it. */
export interface ZaloOaTokens {
  /**
   * The access token to use now; refreshes first when it expires within `refreshAheadMs`, or when
   * its expiry is unknown (the first tokens, from the settings).
   */
  getAccessToken(): Promise<string>;
  /**
   * A token that works, after Zalo refused `rejected`: the one another process already stored, or
   * a new one (one refresh across all processes). Throws when no refresh is possible.
   */
  refreshAfterRejection(rejected: string): Promise<string>;
}

export interface ZaloOaTokensOptions {
  readonly credentials: ChannelCredentialStore;
  readonly redis: Redis;
  /** The Redis key of the refresh lock, the same in every process of this OA. */
  readonly lockKey: string;
  readonly oauth: { refresh(refreshToken: string): Promise<ZaloOaTokenPair> };
  /** The first tokens (from settings), used only while the database has none. */
  readonly initial: { readonly accessToken?: string; readonly refreshToken?: string };
  readonly logger: Logger;
  /** Zalo's time, which token expiry is measured in: the system clock, not APP_NOW. */
  readonly now?: () => Date;
  /** @defaultValue 3_600_000 (refresh when less than an hour is left) */
  readonly refreshAheadMs?: number;
  /** How long the lock holds if its holder dies. Longer than a refresh takes. @defaultValue 30_000 */
  readonly lockTtlMs?: number;
  /** How long to wait for another process's refresh. @defaultValue 20_000 */
  readonly waitMs?: number;
  /** @defaultValue 100 */
  readonly pollMs?: number;
}

const CHANNEL = 'zalo_oa';
const ACCESS = 'access_token';
const REFRESH = 'refresh_token';
/** Zalo says "about 3 months"; recorded so the office can see when the chain would break. */
const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3_600_000;

/** Deletes the lock only if it is still ours: a lock that expired and was taken again stays. */
const releaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

interface Current {
  readonly accessToken: string | null;
  readonly accessExpiresAt: Date | null;
  readonly refreshToken: string | null;
}

type Need = { kind: 'ahead' } | { kind: 'rejected'; token: string };

/**
 * Zalo OA tokens, kept in the credential store. The access token lives about 25 hours; the refresh
 * token about 3 months and works once, so exactly one process refreshes at a time (a Redis lock,
 * SET NX PX with a random value, released only by its holder), the new pair is saved in the same
 * step it arrives, and everyone else re-reads the store once the holder is done.
 */
export function createZaloOaTokens(options: ZaloOaTokensOptions): ZaloOaTokens {
  const now = options.now ?? (() => new Date());
  const refreshAheadMs = options.refreshAheadMs ?? 3_600_000;
  const lockTtlMs = options.lockTtlMs ?? 30_000;
  const waitMs = options.waitMs ?? 20_000;
  const pollMs = options.pollMs ?? 100;
  /** A pair received but not yet saved (the database failed): used and saved again until it sticks. */
  let unsaved: Record<string, StoredCredential> | null = null;
  let inFlight: Promise<string> | null = null;

  async function load(): Promise<Current> {
    if (unsaved) {
      const pending = unsaved;
      await options.credentials.write(CHANNEL, pending).then(
        () => {
          unsaved = null;
        },
        () => undefined,
      );
      return toCurrent(new Map(Object.entries(pending)));
    }
    let stored = await options.credentials.read(CHANNEL);
    if (!stored.has(ACCESS) && !stored.has(REFRESH)) {
      const seed: Record<string, StoredCredential> = {};
      if (options.initial.accessToken) seed[ACCESS] = { value: options.initial.accessToken, expiresAt: null };
      if (options.initial.refreshToken) seed[REFRESH] = { value: options.initial.refreshToken, expiresAt: null };
      if (Object.keys(seed).length > 0) {
        // Never overwrites: another process may have stored (or rotated) them meanwhile.
        await options.credentials.writeMissing(CHANNEL, seed).catch((error: unknown) => {
          throw new ZaloHttpError('oauth', 'refreshToken', 'could not store the first tokens', undefined, { cause: errorKind(error) });
        });
        stored = await options.credentials.read(CHANNEL);
      }
    }
    return toCurrent(stored);
  }

  function needed(current: Current, need: Need): boolean {
    if (!current.accessToken) return true;
    if (need.kind === 'rejected') return current.accessToken === need.token;
    // Tokens from the settings come without an expiry: they are swapped at first use for a pair
    // whose expiry is known, so that the upkeep timer keeps the chain alive through quiet months.
    if (current.accessExpiresAt === null) return current.refreshToken !== null;
    return current.accessExpiresAt.getTime() - now().getTime() < refreshAheadMs;
  }

  async function save(pair: ZaloOaTokenPair): Promise<void> {
    const at = now().getTime();
    const credentials: Record<string, StoredCredential> = {
      [ACCESS]: { value: pair.accessToken, expiresAt: new Date(at + pair.expiresInSeconds * 1000) },
      [REFRESH]: { value: pair.refreshToken, expiresAt: new Date(at + REFRESH_TOKEN_LIFETIME_MS) },
    };
    for (const delayMs of [0, 200, 1_000]) {
      if (delayMs) await sleep(delayMs);
      try {
        await options.credentials.write(CHANNEL, credentials);
        return;
      } catch (error) {
        // Not the error itself: a failed Prisma call may print its arguments, the tokens.
        options.logger.error({ error: errorKind(error) }, 'could not save the rotated Zalo OA tokens');
      }
    }
    // The old refresh token is spent: losing this pair would lock the association out of its OA.
    unsaved = credentials;
    options.logger.error('rotated Zalo OA tokens kept in memory until the database accepts them');
  }

  async function refreshUnderLock(need: Need): Promise<string> {
    const lockValue = randomUUID();
    const deadline = Date.now() + waitMs;
    for (;;) {
      const seen = await load();
      if (!needed(seen, need) && seen.accessToken) return seen.accessToken;
      const acquired = await options.redis.set(options.lockKey, lockValue, 'PX', lockTtlMs, 'NX');
      if (acquired === 'OK') {
        try {
          // The previous holder may have finished between our read and our lock.
          const current = await load();
          if (!needed(current, need) && current.accessToken) return current.accessToken;
          if (!current.refreshToken) {
            throw new ZaloHttpError('oauth', 'refreshToken', 'no refresh token: set ZALO_OA_REFRESH_TOKEN or authorize the app again');
          }
          const pair = await options.oauth.refresh(current.refreshToken);
          await save(pair);
          options.logger.info({ expiresInSeconds: pair.expiresInSeconds, reason: need.kind }, 'Zalo OA tokens refreshed');
          return pair.accessToken;
        } finally {
          await options.redis.eval(releaseScript, 1, options.lockKey, lockValue).catch((error: unknown) => {
            options.logger.warn({ err: error }, 'could not release the Zalo OA token lock (it expires by itself)');
          });
        }
      }
      if (Date.now() > deadline) {
        throw new ZaloHttpError('oauth', 'refreshToken', 'timed out waiting for another process to refresh the token');
      }
      await sleep(pollMs);
    }
  }

  /** One refresh at a time in this process too; callers arriving meanwhile share its result. */
  function refresh(need: Need): Promise<string> {
    if (!inFlight) {
      inFlight = refreshUnderLock(need).finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  }

  return {
    async getAccessToken() {
      const current = await load();
      if (!current.accessToken) {
        if (!current.refreshToken) {
          throw new ZaloHttpError('oauth', 'refreshToken', 'no Zalo OA token: set ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN');
        }
        return refresh({ kind: 'ahead' });
      }
      if (current.refreshToken && needed(current, { kind: 'ahead' })) {
        try {
          return await refresh({ kind: 'ahead' });
        } catch (error) {
          // The token may still work for a while: send with it and try the refresh again next time.
          const left = current.accessExpiresAt ? current.accessExpiresAt.getTime() - now().getTime() : null;
          options.logger.warn({ err: error, msLeft: left }, 'Zalo OA token refresh ahead of expiry failed');
          if (left === null || left > 0) return current.accessToken;
          throw error;
        }
      }
      return current.accessToken;
    },

    async refreshAfterRejection(rejected) {
      return refresh({ kind: 'rejected', token: rejected });
    },
  };
}

function toCurrent(stored: ReadonlyMap<string, StoredCredential>): Current {
  const access = stored.get(ACCESS);
  return {
    accessToken: access?.value ?? null,
    accessExpiresAt: access?.expiresAt ?? null,
    refreshToken: stored.get(REFRESH)?.value ?? null,
  };
}

/** An error's name and code, without its message. */
function errorKind(error: unknown): { name: string; code?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return { name: error.name, code };
}
