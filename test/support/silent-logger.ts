import { createLogger } from '../../src/lib/logger';

/** A real pino logger that writes nothing: code under test logs as in production. */
export const silentLogger = createLogger({ level: 'silent' });
