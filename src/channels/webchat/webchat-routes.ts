import { createHash, randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { acceptedFileType, acceptedFileTypesText } from '../../core/files/accepted-file-types';
import type { InboundAttachment, InboundMessage, Reply } from '../../core/messages';
import type { ConversationEngine } from '../../flows/conversation-engine';
import { chatPage } from './chat-page';

export interface WebchatDeps {
  readonly engine: Pick<ConversationEngine, 'handle' | 'promptAfterInterruption'>;
  /** Stores an uploaded file under DATA_DIR and describes it. */
  storeFile(bytes: Uint8Array, meta: { fileName: string; mimeType: string; kind: InboundAttachment['kind'] }): Promise<InboundAttachment>;
  /** Messages queued for this web chat contact by the office (approvals, notices), taken once. */
  takeQueued(platformUserId: string): Promise<Reply[]>;
  readonly maxFileBytes: number;
  /** Mark the session cookie Secure (the service is served over https). */
  readonly secureCookies: boolean;
}

const COOKIE = 'hh_chat';
const messageBody = z
  .object({
    text: z.string().max(100_000).optional(),
    payload: z.string().max(200).optional(),
    clientMessageId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  })
  .refine((m) => m.text !== undefined || m.payload !== undefined);

/**
 * The web chat channel: `/chat` and its JSON endpoints. Each browser session is one contact on
 * channel `webchat`, known by a random cookie; the database keeps only the cookie's hash.
 */
export const webchatRoutes: FastifyPluginAsync<WebchatDeps> = async (app, deps) => {
  // Uploads arrive as the file's raw bytes, whatever their type (only in this plugin).
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.maxFileBytes }, (_request, body, done) => {
    done(null, body);
  });

  app.get<{ Querystring: { start?: string } }>('/chat', async (request, reply) => {
    const { isNew } = session(request, reply, deps);
    const startCode = /^[A-Za-z0-9_-]{4,64}$/.test(request.query.start ?? '') ? (request.query.start ?? null) : null;
    const page = chatPage({ newSession: isNew, startCode, maxFileMb: Math.floor(deps.maxFileBytes / 1024 / 1024) });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(String(page));
  });

  app.post('/chat/api/messages', { bodyLimit: 256 * 1024 }, async (request, reply) => {
    const body = messageBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: 'Tin nhắn không hợp lệ.' });
    const { userId } = session(request, reply, deps);
    const message: InboundMessage = {
      channel: 'webchat',
      platformUserId: userId,
      text: body.data.text,
      payload: body.data.payload,
      updateId: `${userId}:${body.data.clientMessageId}`,
    };
    return { replies: await deps.engine.handle(message) };
  });

  app.post<{ Querystring: { name?: string; id?: string } }>('/chat/api/files', async (request, reply) => {
    const { userId } = session(request, reply, deps);
    const fileName = (request.query.name ?? '').slice(0, 255);
    const clientId = /^[A-Za-z0-9-]{8,64}$/.test(request.query.id ?? '') ? request.query.id : undefined;
    if (!fileName || !clientId || !(request.body instanceof Buffer) || request.body.length === 0) {
      return reply.code(400).send({ error: 'Không đọc được tệp gửi lên.' });
    }
    const mimeType = acceptedFileType(fileName, request.headers['content-type']);
    if (!mimeType) {
      return reply.code(415).send({ error: `Chỉ nhận tệp ${acceptedFileTypesText}.` });
    }
    const attachment = await deps.storeFile(request.body, {
      fileName,
      mimeType,
      kind: mimeType.startsWith('image/') ? 'image' : 'document',
    });
    const replies = await deps.engine.handle({
      channel: 'webchat',
      platformUserId: userId,
      attachment,
      updateId: `${userId}:${clientId}`,
    });
    return { replies };
  });

  app.get('/chat/api/updates', async (request, reply) => {
    const { userId, isNew } = session(request, reply, deps);
    if (isNew) return { replies: [] };
    const queued = await deps.takeQueued(userId);
    // A notice may have cut into a report: the question comes again after it.
    const resume = queued.length > 0 ? await deps.engine.promptAfterInterruption('webchat', userId) : [];
    return { replies: [...queued, ...resume] };
  });

  app.post('/chat/api/resume', async (request, reply) => {
    const { userId, isNew } = session(request, reply, deps);
    return { replies: isNew ? [] : await deps.engine.promptAfterInterruption('webchat', userId) };
  });

  app.setErrorHandler((error, _request, reply) => {
    const status = typeof error === 'object' && error && 'statusCode' in error ? error.statusCode : undefined;
    if (status === 413) {
      return reply.code(413).send({
        error: `Tệp hoặc tin nhắn quá lớn (tối đa ${Math.floor(deps.maxFileBytes / 1024 / 1024)} MB cho một tệp).`,
      });
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.code(status).send({ error: 'Yêu cầu không hợp lệ.' });
    }
    reply.log.error({ err: error }, 'web chat request failed');
    return reply.code(500).send({ error: 'Hệ thống đang bận, Anh/Chị thử lại sau ít phút.' });
  });
};

/** The browser's session: the cookie's random value, or a new one set on this response. */
function session(request: FastifyRequest, reply: FastifyReply, deps: WebchatDeps): { userId: string; isNew: boolean } {
  let token = readCookie(request.headers.cookie, COOKIE);
  const isNew = !token || !/^[A-Za-z0-9_-]{32,64}$/.test(token);
  if (isNew || !token) {
    token = randomBytes(24).toString('base64url');
    const secure = deps.secureCookies ? '; Secure' : '';
    reply.header('set-cookie', `${COOKIE}=${token}; Path=/chat; HttpOnly; SameSite=Lax; Max-Age=31536000${secure}`);
  }
  return { userId: createHash('sha256').update(token).digest('hex').slice(0, 40), isNew };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
