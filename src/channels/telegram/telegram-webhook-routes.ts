import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';

export interface TelegramWebhookDeps {
  /** TELEGRAM_WEBHOOK_SECRET, as given to setWebhook's `secret_token`. */
  readonly secret: string;
  /**
   * Handles one update body: resolves once its effects are committed, rejects when they could not
   * be (the 500 makes Telegram deliver it again). Bodies that are not updates resolve.
   */
  handleUpdate(body: unknown): Promise<void>;
}

/** Where Telegram posts updates; config.telegram.webhook.url ends with it. */
export const telegramWebhookPath = '/webhooks/telegram';

/**
 * `POST /webhooks/telegram`. A request without the right X-Telegram-Bot-Api-Secret-Token gets 401
 * before its body is even read; malformed JSON gets 400; anything else that parses is answered
 * 200 once handled, unknown and odd updates included (Telegram would otherwise retry them for
 * hours). Only a failure of ours (the database) answers 500, so Telegram delivers again.
 */
export const telegramWebhookRoutes: FastifyPluginAsync<TelegramWebhookDeps> = async (app, deps) => {
  const expected = digest(deps.secret);

  // Runs before the body is parsed: an unauthenticated request costs nothing and changes nothing.
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers['x-telegram-bot-api-secret-token'];
    const given = typeof header === 'string' ? header : '';
    // Comparing digests keeps the comparison constant-time whatever the lengths.
    if (!timingSafeEqual(digest(given), expected)) {
      return reply.code(401).send({ error: 'Thiếu hoặc sai mã bí mật của webhook.' });
    }
    return undefined;
  });

  app.post(telegramWebhookPath, { bodyLimit: 1024 * 1024 }, async (request, reply) => {
    await deps.handleUpdate(request.body);
    return reply.code(200).send({ ok: true });
  });

  app.setErrorHandler((error, request, reply) => {
    const status = typeof error === 'object' && error && 'statusCode' in error ? error.statusCode : undefined;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.code(status).send({ error: 'Yêu cầu không hợp lệ.' });
    }
    request.log.error({ err: error }, 'telegram update not handled; Telegram will deliver it again');
    return reply.code(500).send({ error: 'Lỗi máy chủ, xin thử lại sau.' });
  });
};

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
