import type { ChannelId } from '../../core/messages';

/** One secret a channel keeps at run time, e.g. Zalo OA's access token. */
export interface StoredCredential {
  readonly value: string;
  /** When the platform stops accepting it; null when unknown. */
  readonly expiresAt: Date | null;
}

/**
 * Credentials that rotate while the service runs (Zalo OA's access token and its one-use refresh
 * token), kept where every process sees them. Values are secrets: implementations never log them.
 */
export interface ChannelCredentialStore {
  /** The channel's credentials by name; a name it has none for is absent. */
  read(channel: ChannelId): Promise<ReadonlyMap<string, StoredCredential>>;
  /** Saves every credential given, in one transaction: all of them or none. */
  write(channel: ChannelId, credentials: Readonly<Record<string, StoredCredential>>): Promise<void>;
  /** Saves the credentials whose names the channel has none of yet; never overwrites (first start). */
  writeMissing(channel: ChannelId, credentials: Readonly<Record<string, StoredCredential>>): Promise<void>;
}
