import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChannelId } from '../core/messages';
import { metrics } from './metrics';

/** The platforms' webhook routes and their channels. */
const webhookChannels: Readonly<Record<string, ChannelId>> = {
  '/webhooks/telegram': 'telegram',
  '/webhooks/zalo-oa': 'zalo_oa',
  '/webhooks/zalo-bot': 'zalo_bot',
};

/**
 * An `onResponse` hook timing the webhook routes (refusals included: a flood of 401s shows too).
 * Added to the root before the channel routes are registered, which is what makes it theirs.
 */
export async function observeWebhookLatency(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const route = request.routeOptions.url;
  const channel = route === undefined ? undefined : webhookChannels[route];
  if (!route || !channel) return;
  metrics.webhookDuration.observe({ route, channel, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
}
