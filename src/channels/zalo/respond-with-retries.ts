import { setTimeout as sleep } from 'node:timers/promises';
import type { InboundMessage } from '../../core/messages';
import type { Logger } from '../../lib/logger';
import type { Responder } from '../respond-to-inbound';

const ATTEMPTS = 3;

/**
 * The engine's work for one message after Zalo has already been answered 200: tried again on a
 * failure (the update id makes a repeat harmless), since Zalo will not deliver it a second time.
 * The replies go out before this person's next event is looked at.
 */
export async function respondWithRetries(responder: Responder, message: InboundMessage, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await responder.respond(message);
      await responder.drain();
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      logger.warn({ err: error, updateId: message.updateId, attempt }, 'Zalo message failed; trying again');
      await sleep(attempt * 1_000);
    }
  }
}
