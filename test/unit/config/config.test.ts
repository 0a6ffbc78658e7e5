import { parseConfig } from '../../../src/config/config';
import { AppError } from '../../../src/core/errors';

function problemsOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFIG_INVALID') return error.message;
    throw error;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('parseConfig', () => {
  it('runs on the embedded defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config.database).toEqual({ kind: 'pglite', dir: './data/pglite' });
    expect(config.dataDir).toBe('./data');
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', autostart: 'auto' });
    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000, publicUrl: undefined });
    expect(config.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(config.startAt).toBeUndefined();
    expect(config.telegram).toBeUndefined();
    expect(config.zaloOa).toBeUndefined();
    expect(config.zaloBot).toBeUndefined();
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = parseConfig({ DATABASE_URL: 'postgresql://app:pw@db:5432/hiephoi' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://app:pw@db:5432/hiephoi' });
  });

  it('treats an empty value as unset, as compose files write NAME=', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('pglite');
  });

  it('parses APP_NOW into the instant the clock starts from', () => {
    expect(parseConfig({ APP_NOW: '2022-07-01T07:55:00+07:00' }).startAt?.toISOString()).toBe('2022-07-01T00:55:00.000Z');
  });

  it('puts the PGlite data under DATA_DIR', () => {
    expect(parseConfig({ DATA_DIR: '/srv/hiephoi/' }).database).toEqual({ kind: 'pglite', dir: '/srv/hiephoi/pglite' });
  });

  it('returns a frozen object', () => {
    const config = parseConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it('builds the Telegram webhook only with PUBLIC_URL and its secret', () => {
    const token = '123456789:AAEhBP0av28kKZgNbRkSR2ZP4sFsdiE9vWk';
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: token }).telegram).toEqual({
      token,
      apiRoot: 'https://api.telegram.org',
      webhook: undefined,
    });
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: token,
      PUBLIC_URL: 'https://bot.example.vn/',
      TELEGRAM_WEBHOOK_SECRET: 'a-long-enough-secret_1',
    });
    expect(config.telegram?.webhook).toEqual({
      url: 'https://bot.example.vn/webhooks/telegram',
      secret: 'a-long-enough-secret_1',
    });
  });

  it('reads the Telegram bot username for invite links, without a pasted @, only with the token', () => {
    const token = '123456789:AAEhBP0av28kKZgNbRkSR2ZP4sFsdiE9vWk';
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_BOT_USERNAME: '@HiepHoiBacGiangBot' }).telegram?.botUsername).toBe('HiepHoiBacGiangBot');
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: token }).telegram?.botUsername).toBeUndefined();
    // Without the token this service runs no bot, so a link to one would lead nowhere.
    expect(parseConfig({ TELEGRAM_BOT_USERNAME: 'hiephoi_bot' }).telegram).toBeUndefined();
    expect(problemsOf({ TELEGRAM_BOT_USERNAME: 'https://t.me/hiephoi_bot' })).toContain(
      '- TELEGRAM_BOT_USERNAME: giá trị không hợp lệ: "https://t.me/hiephoi_bot"; cần tên người dùng của bot Telegram',
    );
    expect(problemsOf({ TELEGRAM_BOT_USERNAME: 'hiephoi' })).toContain('- TELEGRAM_BOT_USERNAME: giá trị không hợp lệ');
  });

  it.each([
    ['PORT', 'abc', 'PORT: giá trị không hợp lệ: "abc"; cần một số nguyên từ 1 đến 65535.'],
    ['PORT', '70000', 'PORT: giá trị không hợp lệ: "70000"'],
    ['APP_TIMEZONE', 'Mars/Olympus', 'APP_TIMEZONE: giá trị không hợp lệ: "Mars/Olympus"; cần tên múi giờ IANA'],
    ['APP_NOW', '1/7/2022', 'APP_NOW: giá trị không hợp lệ: "1/7/2022"; cần một thời điểm ISO 8601 có múi giờ'],
    ['APP_NOW', '2022-07-01T07:55:00', 'APP_NOW: giá trị không hợp lệ'],
    ['NODE_ENV', 'staging', 'NODE_ENV: giá trị không hợp lệ: "staging"; cần một trong development, test, production.'],
    ['PUBLIC_URL', 'bot.example.vn', 'PUBLIC_URL: giá trị không hợp lệ: "bot.example.vn"'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL: giá trị không hợp lệ: "verbose"'],
    ['REDIS_AUTOSTART', 'yes', 'REDIS_AUTOSTART: giá trị không hợp lệ: "yes"'],
  ])('names %s and what it expects when it is %p', (name, value, expected) => {
    expect(problemsOf({ [name]: value })).toContain(`- ${expected}`);
  });

  it.each([
    ['DATABASE_URL', 'mysql://root:hunter2@db/x'],
    ['REDIS_URL', 'http://:hunter2@cache:6379'],
    ['TELEGRAM_BOT_TOKEN', 'hunter2-not-a-token'],
    ['ADMIN_API_TOKEN', 'hunter2'],
  ])('never echoes the value of the secret %s', (name, value) => {
    const message = problemsOf({ [name]: value });
    expect(message).toContain(`- ${name}: giá trị không hợp lệ; cần`);
    expect(message).not.toContain('hunter2');
  });

  it('lists every problem at once, one line each', () => {
    const message = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', APP_TIMEZONE: 'Nowhere' });
    expect(message.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(3);
  });

  it('requires the webhook secret when Telegram runs behind PUBLIC_URL', () => {
    expect(
      problemsOf({ TELEGRAM_BOT_TOKEN: '123456789:AAEhBP0av28kKZgNbRkSR2ZP4sFsdiE9vWk', PUBLIC_URL: 'https://x.vn' }),
    ).toContain('- TELEGRAM_WEBHOOK_SECRET: bắt buộc khi đặt PUBLIC_URL (webhook)');
  });

  it('requires the Zalo OA app id and secrets together', () => {
    const message = problemsOf({ ZALO_OA_ACCESS_TOKEN: 'access-token-1' });
    expect(message).toContain('- ZALO_OA_APP_ID: bắt buộc khi dùng Zalo OA');
    expect(message).toContain('- ZALO_OA_SECRET_KEY: bắt buộc khi dùng Zalo OA');
    expect(message).toContain('- ZALO_OA_APP_SECRET: bắt buộc khi dùng Zalo OA');
  });
});

describe('parseConfig: reminders', () => {
  it('reads the reminder settings into the planner’s shape', () => {
    const config = parseConfig({ REMINDER_OFFSETS_DAYS: '10, 5,2', REMINDER_SEND_AT: '07:30', QUIET_HOURS: '22-6', REMINDER_SKIP_SUNDAYS: 'true' });
    expect(config.reminders).toMatchObject({
      offsetsDays: [10, 5, 2],
      overdueDays: [1, 3],
      sendAt: { hour: 7, minute: 30 },
      quietHours: { start: 22, end: 6 },
      skipSundays: true,
      timeZone: 'Asia/Ho_Chi_Minh',
    });
  });

  it('refuses a reminder time inside quiet hours, which would lose the last day’s reminder', () => {
    expect(() => parseConfig({ REMINDER_SEND_AT: '22:00' })).toThrow('- REMINDER_SEND_AT: giờ 22:00 nằm trong khung giờ không gửi tin (QUIET_HOURS)');
  });

  it.each([['REMINDER_OFFSETS_DAYS', 'a,b'], ['REMINDER_SEND_AT', '8h'], ['QUIET_HOURS', '21:00-7:00']])('names %s when it is %p', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(`- ${name}: giá trị không hợp lệ`);
  });
});
