import { createHash } from 'node:crypto';
import { respondWithRetries } from './respond-with-retries';
import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../../config/config';
import { acceptedFileType, acceptedFileTypesText } from '../../core/files/accepted-file-types';
import type { InboundAttachment, InboundMessage, Reply } from '../../core/messages';
import type { ContactStatusRepository } from '../../flows/contact-status-repository';
import { storeFile } from '../../lib/file-store';
import type { Logger } from '../../lib/logger';
import type { ChannelAdapter } from '../channel';
import { createResponder } from '../respond-to-inbound';
import type { ChannelCredentialStore } from './channel-credential-store';
import { downloadZaloFile } from './download-zalo-file';
import { createRecentIds, createSerialWork } from './serial-work';
import { createZaloOaAdapter, defaultRequestUserInfoCard } from './zalo-oa-adapter';
import { createZaloOaClient, type ZaloOaClient } from './zalo-oa-client';
import { type ZaloOaAttachment, type ZaloOaEvent, toZaloOaEvent } from './zalo-oa-events';
import { zaloOaRoutes } from './zalo-oa-routes';
import { createZaloOaTokens } from './zalo-oa-tokens';
import { createZaloOAuthClient } from './zalo-oauth-client';

export interface ZaloOaChannelDeps {
  readonly config: NonNullable<Config['zaloOa']>;
  /** Holds the token-refresh lock shared by every process. */
  readonly redis: Redis;
  readonly credentials: ChannelCredentialStore;
  /** The largest file a person may send, in bytes. */
  readonly maxFileBytes: number;
  /** Where received files are stored (DATA_DIR). */
  readonly dataDir: string;
  /** The service's clock (APP_NOW-aware), for what happens to contacts and files. */
  readonly now: () => Date;
  /** Runs the conversation for one message: the engine's `handle`. */
  handle(message: InboundMessage): Promise<Reply[]>;
  readonly contactStatus: ContactStatusRepository;
  readonly logger: Logger;
  /** Injected in tests; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Prefix of this channel's Redis keys. @defaultValue `hiephoi:zalo-oa:<appId>` */
  readonly redisKeyPrefix?: string;
  /** A picture for the "share your phone" card (shown above its button). */
  readonly requestUserInfoImageUrl?: string;
  /** Zalo's clock, which token expiry is measured in. @defaultValue the system clock */
  readonly tokenNow?: () => Date;
  /** How often tokens are checked (and refreshed when < 1 h is left) while idle. @defaultValue 15 min */
  readonly tokenCheckIntervalMs?: number;
}

/** What the composition root wires: register `routes`, `start()` after listening, `stop()` at shutdown. */
export interface ZaloOaChannel {
  /** Sends replies (and notices, reminders) to OA followers. */
  readonly adapter: ChannelAdapter;
  /** The typed OA client, for what the adapter does not cover (ZNS templates for reminders). */
  readonly client: ZaloOaClient;
  /** `POST /webhooks/zalo-oa`, with its own raw-body parser. */
  readonly routes: FastifyPluginAsync;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once the events received so far are handled and their replies sent. */
  idle(): Promise<void>;
}

const DISPLAY_NAME_TTL_MS = 60 * 60_000;

/**
 * The Zalo Official Account channel: the webhook, the typed client, the adapter that sends
 * replies, and the token upkeep. Events are answered 200 at once and worked on after, in order
 * per person; a redelivered message has its effect once (`zoa-<msg_id>` as the update id).
 */
export function createZaloOaChannel(deps: ZaloOaChannelDeps): ZaloOaChannel {
  const { config, logger } = deps;
  const prefix = deps.redisKeyPrefix ?? `hiephoi:zalo-oa:${config.appId}`;
  const tokens = createZaloOaTokens({
    credentials: deps.credentials,
    redis: deps.redis,
    lockKey: `${prefix}:token-refresh-lock`,
    oauth: createZaloOAuthClient({ oauthRoot: config.oauthRoot, appId: config.appId, appSecret: config.appSecret, fetch: deps.fetch }),
    initial: { accessToken: config.initialAccessToken, refreshToken: config.initialRefreshToken },
    logger,
    now: deps.tokenNow,
  });
  const client = createZaloOaClient({ apiRoot: config.apiRoot, znsApiRoot: config.znsApiRoot, tokens, fetch: deps.fetch });
  const adapter = createZaloOaAdapter({
    client,
    requestUserInfoCard: { ...defaultRequestUserInfoCard, imageUrl: deps.requestUserInfoImageUrl },
  });
  const responder = createResponder({ handle: (message) => deps.handle(message), adapter, logger });
  const work = createSerialWork(logger);
  const recent = createRecentIds({ ttlMs: 60 * 60_000, max: 10_000 });
  const displayNames = createDisplayNames(client, logger);
  let tokenTimer: NodeJS.Timeout | undefined;

  async function handleEvent(event: ZaloOaEvent, updateId: string): Promise<void> {
    switch (event.kind) {
      case 'message':
        for (const message of await toMessages(event, updateId)) await respond(message);
        return;
      case 'shared-info':
        await respond({
          channel: 'zalo_oa',
          platformUserId: event.userId,
          displayName: await displayNames.get(event.userId),
          // Zalo fills the form with the number of the person's Zalo account.
          sharedPhone: { phone: event.phone, verified: true },
          updateId,
        });
        return;
      case 'follow':
        await deps.contactStatus.markActive('zalo_oa', event.userId, deps.now(), await displayNames.get(event.userId));
        return;
      case 'unfollow':
        await deps.contactStatus.markBlocked('zalo_oa', event.userId, 'unfollowed the OA', deps.now());
        return;
      case 'ignored':
        logger.info({ event: event.eventName }, 'Zalo OA event ignored');
        return;
      case 'invalid':
        logger.warn({ event: event.eventName, issues: event.error.issues }, 'Zalo OA event not understood');
        return;
    }
  }

  function respond(message: InboundMessage): Promise<void> {
    return respondWithRetries(responder, message, logger);
  }

  async function toMessages(event: Extract<ZaloOaEvent, { kind: 'message' }>, updateId: string): Promise<InboundMessage[]> {
    const base = { channel: 'zalo_oa' as const, platformUserId: event.userId, displayName: await displayNames.get(event.userId) };
    const attachments: InboundAttachment[] = [];
    for (const [i, announced] of event.attachments.entries()) {
      const stored = await receiveFile(announced, `${event.msgId}${i > 0 ? `-${i + 1}` : ''}`);
      if (typeof stored === 'string') await tell(event.userId, stored);
      else attachments.push(stored);
    }
    if (attachments.length === 0) {
      return event.text || event.attachments.length === 0 ? [{ ...base, text: event.text, updateId }] : [];
    }
    // One message per file: the first carries the text and the event's own id.
    return attachments.map((attachment, i) => ({
      ...base,
      text: i === 0 ? event.text : undefined,
      attachment,
      updateId: i === 0 ? updateId : `${updateId}-${i + 1}`,
    }));
  }

  /** Downloads and stores a file a person sent; a Vietnamese explanation when it is refused. */
  async function receiveFile(announced: ZaloOaAttachment, id: string): Promise<InboundAttachment | string> {
    const name = announced.fileName ?? nameFromUrl(announced.url) ?? `anh-zalo-${id}`;
    const limitMb = Math.floor(deps.maxFileBytes / 1024 / 1024);
    const tooLarge = `Tệp “${name}” quá lớn (tối đa ${limitMb} MB cho một tệp). Anh/Chị gửi tệp nhỏ hơn giúp.`;
    if (announced.sizeBytes && announced.sizeBytes > deps.maxFileBytes) return tooLarge;
    const download = await downloadZaloFile(announced.url, { maxBytes: deps.maxFileBytes, fetch: deps.fetch });
    if (download.kind === 'too-large') return tooLarge;
    if (download.kind === 'failed') {
      logger.warn({ err: download.error, file: id }, 'Zalo OA file not downloaded');
      return `Chưa tải được tệp “${name}” từ Zalo. Anh/Chị gửi lại giúp.`;
    }
    const mimeType = acceptedFileType(name, download.contentType);
    if (!mimeType) return `Tệp “${name}” không được nhận. Chỉ nhận tệp ${acceptedFileTypesText}.`;
    const fileName = /\.[A-Za-z0-9]{1,5}$/.test(name) ? name : `${name}.${extensionOf(mimeType)}`;
    return storeFile(deps.dataDir, download.bytes, {
      fileName,
      mimeType,
      kind: mimeType.startsWith('image/') ? 'image' : 'document',
      now: deps.now(),
    });
  }

  /** A word from the channel itself (a refused file), outside the conversation. */
  async function tell(userId: string, text: string): Promise<void> {
    await adapter.send(userId, { text }).catch((error: unknown) => {
      logger.warn({ err: error }, 'Zalo OA notice not delivered');
    });
  }

  function accept(body: unknown, rawBody: Buffer): void {
    const event = toZaloOaEvent(body);
    // Zalo redelivers: a message is known by its msg_id, anything else by its bytes.
    const updateId =
      event.kind === 'message' ? `zoa-${event.msgId}` : `zoa-${createHash('sha256').update(rawBody).digest('hex')}`;
    if (recent.check(updateId)) {
      logger.info({ updateId }, 'Zalo OA event redelivered; already handled');
      return;
    }
    const key = 'userId' in event ? event.userId : 'unknown';
    work.run(key, updateId, () => handleEvent(event, updateId));
  }

  const routes: FastifyPluginAsync = zaloOaRoutes({ appId: config.appId, secretKey: config.secretKey, accept });

  const channel: ZaloOaChannel = {
    adapter,
    client,
    routes,

    /** Stores the first tokens and keeps them fresh while no message is sent (the refresh token dies after ~3 months unused). */
    async start() {
      const check = () =>
        tokens.getAccessToken().then(
          () => undefined,
          (error: unknown) => logger.error({ err: error }, 'Zalo OA token check failed'),
        );
      await check();
      tokenTimer = setInterval(() => void check(), deps.tokenCheckIntervalMs ?? 15 * 60_000);
      tokenTimer.unref();
    },

    /** Stops the token upkeep and waits for the events and replies still in hand. */
    async stop() {
      if (tokenTimer) clearInterval(tokenTimer);
      await channel.idle();
    },

    async idle() {
      await work.idle();
      await responder.drain();
    },
  };
  return channel;
}


/**
 * Display names from `/v3.0/oa/user/detail`, asked once per person and kept for an hour (a
 * failure for five minutes), so a conversation does not cost a lookup per message.
 */
function createDisplayNames(client: Pick<ZaloOaClient, 'getUserDetail'>, logger: Logger) {
  const cache = new Map<string, { name: string | undefined; until: number }>();
  return {
    async get(userId: string): Promise<string | undefined> {
      const cached = cache.get(userId);
      if (cached && cached.until > Date.now()) return cached.name;
      if (cache.size > 5_000) cache.clear();
      try {
        const detail = await client.getUserDetail(userId);
        const name = detail.displayName ?? undefined;
        cache.set(userId, { name, until: Date.now() + DISPLAY_NAME_TTL_MS });
        return name;
      } catch (error) {
        logger.warn({ err: error }, 'Zalo OA display name not available');
        cache.set(userId, { name: cached?.name, until: Date.now() + 5 * 60_000 });
        return cached?.name;
      }
    },
  };
}

function nameFromUrl(url: string): string | undefined {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    return /\.[A-Za-z0-9]{1,5}$/.test(last) ? last : undefined;
  } catch {
    return undefined;
  }
}

const extensions: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

function extensionOf(mimeType: string): string {
  return extensions[mimeType] ?? 'bin';
}
