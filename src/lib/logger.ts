import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Anything that may carry a secret is redacted by path, so a token that
 * slips into a logged object does not reach the log.
 */
export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    level: options.level,
    name: options.name ?? 'hiephoi-bot',
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-telegram-bot-api-secret-token"]',
        'req.headers["x-bot-api-secret-token"]',
        'req.headers["x-zevent-signature"]',
        '*.token',
        '*.accessToken',
        '*.refreshToken',
        '*.password',
        '*.secret',
        '*.databaseUrl',
        '*.redisUrl',
      ],
      censor: '[redacted]',
    },
  });
}
