import type { FastifyPluginAsync } from 'fastify';
import { parseZaloJson } from './parse-zalo-json';
import { verifyZaloSignature } from './verify-zalo-signature';
import { zaloOaEnvelopeSchema } from './zalo-oa-events';

export interface ZaloOaRoutesOptions {
  readonly appId: string;
  /** The OA secret key (ZALO_OA_SECRET_KEY) the signature is made with. */
  readonly secretKey: string;
  /**
   * Takes a verified event (its body parsed with big ids kept as strings, and its raw bytes) and
   * returns at once: the work happens after the response. Zalo gives up on a webhook after ~2 s.
   */
  accept(body: unknown, rawBody: Buffer): void;
}

/**
 * `POST /webhooks/zalo-oa`: checks `X-ZEvent-Signature` over the raw bytes, hands the event over
 * and answers 200 at once. A missing or wrong signature gets 401 and nothing is done.
 */
export function zaloOaRoutes(options: ZaloOaRoutesOptions): FastifyPluginAsync {
  return async (app) => {
    // Encapsulated: only this plugin's routes get the raw bytes, which the signature covers.
    app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => {
      done(null, body);
    });

    app.post('/webhooks/zalo-oa', async (request, reply) => {
      const header = request.headers['x-zevent-signature'];
      const signature = Array.isArray(header) ? header[0] : header;
      if (!signature) return reply.code(401).send();
      if (!(request.body instanceof Buffer)) return reply.code(400).send();
      const body = parseZaloJson(request.body.toString('utf8'));
      const envelope = zaloOaEnvelopeSchema.safeParse(body);
      if (!envelope.success) return reply.code(400).send();
      const valid = verifyZaloSignature({
        appId: options.appId,
        secretKey: options.secretKey,
        rawBody: request.body,
        timestamp: envelope.data.timestamp,
        signature,
      });
      if (!valid) {
        request.log.warn({ event: envelope.data.event_name }, 'Zalo OA webhook with a wrong signature refused');
        return reply.code(401).send();
      }
      options.accept(body, request.body);
      return reply.code(200).send();
    });
  };
}
