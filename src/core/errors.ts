/**
 * Stable, machine-readable error codes. Log and branch on these, never on `message`, which is for
 * people and may change.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'DB_MIGRATION_FAILED'
  | 'DB_UNAVAILABLE'
  | 'REDIS_UNAVAILABLE'
  | 'SEED_INVALID'
  | 'CHANNEL_RATE_LIMITED'
  | 'CHANNEL_REJECTED'
  | 'CHANNEL_UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    // Keeps `err.name` right for subclasses and after JSON round-trips.
    this.name = new.target.name;
  }
}
