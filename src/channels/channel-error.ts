import { AppError } from '../core/errors';
import type { ChannelId } from '../core/messages';

/**
 * Why a platform refused a message for good, in the one vocabulary deliveries record for every
 * channel (see DeliveryFailure in prisma/schema.prisma).
 */
export type RejectionReason = 'blocked' | 'unreachable' | 'outside_window' | 'quota_exceeded' | 'template_not_approved' | 'error';

/**
 * What a channel adapter throws. `CHANNEL_RATE_LIMITED` and `CHANNEL_UNAVAILABLE` may succeed
 * later (`retryAfterMs` when the platform said when); `CHANNEL_REJECTED` will not, and says why.
 */
export class ChannelError extends AppError {
  constructor(
    readonly channel: ChannelId,
    override readonly code: 'CHANNEL_RATE_LIMITED' | 'CHANNEL_REJECTED' | 'CHANNEL_UNAVAILABLE',
    message: string,
    readonly options: { retryAfterMs?: number; reason?: RejectionReason; cause?: unknown } = {},
  ) {
    super(code, message, { channel, retryAfterMs: options.retryAfterMs, reason: options.reason }, { cause: options.cause });
  }

  /** A rejected message (blocked bot, unknown chat) will fail again. */
  get retryable(): boolean {
    return this.code !== 'CHANNEL_REJECTED';
  }

  get reason(): RejectionReason | undefined {
    return this.options.reason;
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}
