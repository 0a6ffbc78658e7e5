import Fastify from 'fastify';
import { zaloBotRoutes } from '../../../../src/channels/zalo/zalo-bot-routes';
import { zaloFixture } from './fixtures';

async function app(secret: string | undefined) {
  const accepted: unknown[] = [];
  const fastify = Fastify();
  await fastify.register(zaloBotRoutes({ secret, accept: (body) => accepted.push(body) }));
  return { fastify, accepted };
}

describe('zaloBotRoutes', () => {
  const { raw } = zaloFixture('bot/message.text.received');
  const post = (fastify: Awaited<ReturnType<typeof app>>['fastify'], headers: Record<string, string>) =>
    fastify.inject({ method: 'POST', url: '/webhooks/zalo-bot', headers: { 'content-type': 'application/json', ...headers }, payload: raw });

  it('accepts an update with the right secret', async () => {
    const { fastify, accepted } = await app('bot-webhook-secret');
    const response = await post(fastify, { 'x-bot-api-secret-token': 'bot-webhook-secret' });
    expect(response.statusCode).toBe(200);
    expect(accepted).toEqual([expect.objectContaining({ ok: true })]);
  });

  it.each([
    ['missing', {}],
    ['wrong', { 'x-bot-api-secret-token': 'bot-webhook-secreT' }],
    ['a prefix of the secret', { 'x-bot-api-secret-token': 'bot-webhook' }],
  ])('answers 401 when the secret is %s', async (_label, headers) => {
    const { fastify, accepted } = await app('bot-webhook-secret');
    expect((await post(fastify, headers)).statusCode).toBe(401);
    expect(accepted).toHaveLength(0);
  });

  it('refuses every call in polling mode (no secret configured)', async () => {
    const { fastify, accepted } = await app(undefined);
    expect((await post(fastify, { 'x-bot-api-secret-token': '' })).statusCode).toBe(401);
    expect(accepted).toHaveLength(0);
  });
});
