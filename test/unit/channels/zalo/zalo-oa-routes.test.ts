import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { zaloOaRoutes } from '../../../../src/channels/zalo/zalo-oa-routes';
import { zaloFixture } from './fixtures';

const appId = '2874951369803162012';
const secretKey = 'oa-secret-key-for-tests';
const sign = (raw: string, timestamp: string, key = secretKey) =>
  `mac=${createHash('sha256').update(`${appId}${raw}${timestamp}${key}`).digest('hex')}`;

async function app() {
  const accepted: Array<{ body: unknown; raw: string }> = [];
  const fastify = Fastify();
  await fastify.register(zaloOaRoutes({ appId, secretKey, accept: (body, raw) => accepted.push({ body, raw: raw.toString('utf8') }) }));
  // A neighbour route: the raw parser must not reach it.
  fastify.post('/other', async (request) => ({ type: typeof request.body, body: request.body }));
  return { fastify, accepted };
}

describe('zaloOaRoutes', () => {
  const { raw } = zaloFixture('oa/user_send_text');

  it('accepts a correctly signed event and answers 200', async () => {
    const { fastify, accepted } = await app();
    const response = await fastify.inject({
      method: 'POST',
      url: '/webhooks/zalo-oa',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': sign(raw, '1656640800000') },
      payload: raw,
    });
    expect(response.statusCode).toBe(200);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]?.raw).toBe(raw);
    expect(accepted[0]?.body).toMatchObject({ event_name: 'user_send_text', sender: { id: '2512523625412515' } });
  });

  it.each([
    ['missing', undefined],
    ['made with another key', sign(raw, '1656640800000', 'wrong-key')],
    ['over another timestamp', sign(raw, '1656640800001')],
    ['garbage', 'mac=not-a-signature'],
  ])('answers 401 and accepts nothing when the signature is %s', async (_label, signature) => {
    const { fastify, accepted } = await app();
    const response = await fastify.inject({
      method: 'POST',
      url: '/webhooks/zalo-oa',
      headers: { 'content-type': 'application/json', ...(signature ? { 'x-zevent-signature': signature } : {}) },
      payload: raw,
    });
    expect(response.statusCode).toBe(401);
    expect(accepted).toHaveLength(0);
  });

  it('answers 401 for a tampered body signed for the original', async () => {
    const { fastify, accepted } = await app();
    const response = await fastify.inject({
      method: 'POST',
      url: '/webhooks/zalo-oa',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': sign(raw, '1656640800000') },
      payload: raw.replace('Xin chào', '/start'),
    });
    expect(response.statusCode).toBe(401);
    expect(accepted).toHaveLength(0);
  });

  it('answers 400 for a body that is not a Zalo event', async () => {
    const { fastify, accepted } = await app();
    const response = await fastify.inject({
      method: 'POST',
      url: '/webhooks/zalo-oa',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': sign('{}', '') },
      payload: '{"hello":"world"}',
    });
    expect(response.statusCode).toBe(400);
    expect(accepted).toHaveLength(0);
  });

  it('keeps the raw body parser inside the plugin', async () => {
    const { fastify } = await app();
    const response = await fastify.inject({ method: 'POST', url: '/other', payload: { a: 1 } });
    expect(response.json()).toEqual({ type: 'object', body: { a: 1 } });
  });
});
