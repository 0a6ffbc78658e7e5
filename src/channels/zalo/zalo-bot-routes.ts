import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { parseZaloJson } from './parse-zalo-json';

export interface ZaloBotRoutesOptions {
  /** The secret given to setWebhook; undefined in polling mode (every webhook call is refused). */
  readonly secret: string | undefined;
  /** Takes a verified body and returns at once: the work happens after the response. */
  accept(body: unknown): void;
}

/**
 * `POST /webhooks/zalo-bot`: checks `X-Bot-Api-Secret-Token` in constant time, hands the update
 * over and answers 200. A missing or wrong secret gets 401 and nothing is done.
 */
export function zaloBotRoutes(options: ZaloBotRoutesOptions): FastifyPluginAsync {
  return async (app) => {
    // Encapsulated: the body is parsed here, keeping long numeric ids as strings.
    app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, body, done) => {
      done(null, body);
    });

    app.post('/webhooks/zalo-bot', async (request, reply) => {
      const header = request.headers['x-bot-api-secret-token'];
      const given = Array.isArray(header) ? header[0] : header;
      if (!options.secret || !given || !sameSecret(given, options.secret)) return reply.code(401).send();
      const body = typeof request.body === 'string' ? parseZaloJson(request.body) : undefined;
      if (body === undefined) return reply.code(400).send();
      options.accept(body);
      return reply.code(200).send({ ok: true });
    });
  };
}

/** Compares digests, so neither the content nor the length of the secret leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
