import cron from 'node-cron';
import { z } from 'zod';
import { AppError } from '../core/errors';

/**
 * Every setting the service reads. Keep `.env.example` and the README's table in step with it.
 */
const shape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  REDIS_AUTOSTART: z.enum(['auto', 'never']).default('auto'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_TIMEZONE: z.string().default('Asia/Ho_Chi_Minh').refine(isTimeZone),
  APP_NOW: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  ADMIN_API_TOKEN: z.string().min(24).optional(),
  METRICS_TOKEN: z.string().min(24).optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).transform((s) => s.replace(/\/+$/, '')).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONVERSATION_IDLE_MINUTES: z.coerce.number().int().min(5).max(60 * 24 * 30).default(240),
  ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(50).default(20),
  WORKERS: z.enum(['in-process', 'off']).default('in-process'),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]{1,40}$/).default('hiephoi'),
  DELIVERY_LOCK_MS: z.coerce.number().int().min(2_000).max(600_000).default(30_000),
  REMINDER_OFFSETS_DAYS: dayList().default([14, 7, 3, 1]),
  REMINDER_OVERDUE_DAYS: dayList().default([1, 3]),
  REMINDER_SEND_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('08:00')
    .transform((t) => ({ hour: Number(t.slice(0, 2)), minute: Number(t.slice(3, 5)) })),
  QUIET_HOURS: z
    .string()
    .regex(/^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/)
    .default('21-7')
    .transform((t) => {
      const [start, end] = t.split('-').map(Number);
      return { start: start ?? 21, end: end ?? 7 };
    }),
  REMINDER_SKIP_SUNDAYS: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  JOBS_CRON: z.string().default('*/15 * * * *').refine((pattern) => cron.validate(pattern)),
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
  TELEGRAM_RATE_PER_SECOND: z.coerce.number().min(0).max(1000).default(30),
  TELEGRAM_PER_CHAT_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  ZALO_OA_RATE_PER_SECOND: z.coerce.number().min(0).max(1000).default(10),
  ZALO_BOT_RATE_PER_SECOND: z.coerce.number().min(0).max(1000).default(10),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/).optional(),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/).optional(),
  // Bot usernames are 5–32 letters, digits and _ ending in "bot"; a pasted leading @ is dropped.
  TELEGRAM_BOT_USERNAME: z.string().regex(/^@?[A-Za-z]\w{1,28}bot$/i).transform((s) => s.replace(/^@/, '')).optional(),
  ZALO_OA_APP_ID: z.string().regex(/^\d+$/).optional(),
  ZALO_OA_APP_SECRET: z.string().min(8).optional(),
  ZALO_OA_SECRET_KEY: z.string().min(8).optional(),
  ZALO_OA_ACCESS_TOKEN: z.string().min(8).optional(),
  ZALO_OA_REFRESH_TOKEN: z.string().min(8).optional(),
  ZALO_OA_API_ROOT: z.url().default('https://openapi.zalo.me'),
  ZALO_OAUTH_ROOT: z.url().default('https://oauth.zaloapp.com'),
  ZALO_ZNS_API_ROOT: z.url().default('https://business.openapi.zalo.me'),
  ZALO_REMINDER_TEMPLATE_ID: z.string().regex(/^\d+$/).optional(),
  ZALO_BOT_TOKEN: z.string().min(10).optional(),
  ZALO_BOT_API_ROOT: z.url().default('https://bot-api.zaloplatforms.com'),
  ZALO_BOT_WEBHOOK_SECRET: z.string().min(8).optional(),
};

type SettingName = keyof typeof shape;

/**
 * What each setting expects, in words an operator understands, shown when it is missing or
 * malformed. A secret's value is never echoed.
 */
const docs: Record<SettingName, { expects: string; secret?: true }> = {
  NODE_ENV: { expects: 'một trong development, test, production' },
  DATABASE_URL: {
    expects: 'địa chỉ PostgreSQL dạng postgresql://người-dùng:mật-khẩu@máy:5432/tên-csdl (bỏ trống để dùng CSDL nhúng PGlite trong DATA_DIR)',
    secret: true,
  },
  DATA_DIR: { expects: 'đường dẫn thư mục dữ liệu' },
  REDIS_URL: { expects: 'địa chỉ Redis dạng redis://máy:6379', secret: true },
  REDIS_AUTOSTART: { expects: 'auto (tự chạy một redis-server riêng khi không thấy Redis) hoặc never' },
  HOST: { expects: 'địa chỉ lắng nghe, ví dụ 0.0.0.0' },
  PORT: { expects: 'một số nguyên từ 1 đến 65535' },
  APP_TIMEZONE: { expects: 'tên múi giờ IANA, ví dụ Asia/Ho_Chi_Minh' },
  APP_NOW: { expects: 'một thời điểm ISO 8601 có múi giờ, ví dụ 2022-07-01T07:55:00+07:00' },
  ADMIN_API_TOKEN: { expects: 'một chuỗi bí mật dài ít nhất 24 ký tự', secret: true },
  METRICS_TOKEN: { expects: 'một chuỗi bí mật dài ít nhất 24 ký tự để đọc /metrics', secret: true },
  METRICS_PORT: { expects: 'cổng nội bộ (1 đến 65535) phục vụ /metrics, khác PORT' },
  METRICS_HOST: { expects: 'địa chỉ lắng nghe của cổng số liệu, ví dụ 127.0.0.1 hoặc 0.0.0.0 trong mạng nội bộ Docker' },
  PUBLIC_URL: { expects: 'địa chỉ công khai http(s) của dịch vụ, ví dụ https://bot.hiephoi.vn' },
  LOG_LEVEL: { expects: 'một trong fatal, error, warn, info, debug, trace, silent' },
  CONVERSATION_IDLE_MINUTES: { expects: 'số phút (5 đến 43200) một phiên trò chuyện chờ trả lời trước khi tạm dừng' },
  ATTACHMENT_MAX_MB: { expects: 'dung lượng tối đa của một tệp đính kèm, tính bằng MB (1 đến 50)' },
  WORKERS: { expects: 'in-process (gửi tin ngay trong dịch vụ) hoặc off (khi chạy npm run worker riêng)' },
  QUEUE_PREFIX: { expects: 'tiền tố tên hàng đợi trong Redis: chữ thường, số, dấu -' },
  DELIVERY_LOCK_MS: { expects: 'thời gian (ms, 2000 đến 600000) sau đó tin của một worker đã dừng được gửi lại' },
  REMINDER_OFFSETS_DAYS: { expects: 'các số ngày trước hạn để nhắc, cách nhau bởi dấu phẩy, ví dụ 14,7,3,1' },
  REMINDER_OVERDUE_DAYS: { expects: 'các số ngày sau hạn để nhắc lại, cách nhau bởi dấu phẩy, ví dụ 1,3' },
  REMINDER_SEND_AT: { expects: 'giờ gửi nhắc hạn dạng HH:MM, ví dụ 08:00' },
  QUIET_HOURS: { expects: 'khung giờ không gửi tin dạng giờ-bắt-đầu-giờ-kết-thúc, ví dụ 21-7' },
  REMINDER_SKIP_SUNDAYS: { expects: 'true (không gửi nhắc hạn vào Chủ nhật) hoặc false' },
  JOBS_CRON: { expects: 'lịch chạy các việc định kỳ dạng cron, ví dụ */15 * * * * (15 phút một lần)' },
  DELIVERY_CONCURRENCY: { expects: 'số tin gửi đồng thời của mỗi hàng đợi (1 đến 200)' },
  TELEGRAM_RATE_PER_SECOND: { expects: 'số tin Telegram tối đa mỗi giây (0 là không giới hạn)' },
  TELEGRAM_PER_CHAT_INTERVAL_MS: { expects: 'khoảng cách tối thiểu (ms) giữa hai phần tin tới cùng một người' },
  ZALO_OA_RATE_PER_SECOND: { expects: 'số tin Zalo OA tối đa mỗi giây (0 là không giới hạn)' },
  ZALO_BOT_RATE_PER_SECOND: { expects: 'số tin Zalo Bot tối đa mỗi giây (0 là không giới hạn)' },
  TELEGRAM_BOT_TOKEN: { expects: 'token do BotFather cấp, dạng 123456789:AA…', secret: true },
  TELEGRAM_API_ROOT: { expects: 'địa chỉ gốc của Telegram Bot API' },
  TELEGRAM_WEBHOOK_SECRET: { expects: '16–256 ký tự A-Z, a-z, 0-9, _ hoặc -', secret: true },
  TELEGRAM_BOT_USERNAME: { expects: 'tên người dùng của bot Telegram, kết thúc bằng bot, ví dụ HiepHoiBacGiangBot (dùng cho đường dẫn mời t.me)' },
  ZALO_OA_APP_ID: { expects: 'App ID của ứng dụng Zalo (chữ số)' },
  ZALO_OA_APP_SECRET: { expects: 'khóa bí mật của ứng dụng Zalo (dùng để làm mới token)', secret: true },
  ZALO_OA_SECRET_KEY: { expects: 'khóa bí mật của OA dùng để kiểm chữ ký webhook', secret: true },
  ZALO_OA_ACCESS_TOKEN: { expects: 'access token đầu tiên của OA', secret: true },
  ZALO_OA_REFRESH_TOKEN: { expects: 'refresh token đầu tiên của OA', secret: true },
  ZALO_OA_API_ROOT: { expects: 'địa chỉ gốc của Zalo OA API' },
  ZALO_OAUTH_ROOT: { expects: 'địa chỉ gốc của Zalo OAuth' },
  ZALO_ZNS_API_ROOT: { expects: 'địa chỉ gốc của Zalo ZNS API' },
  ZALO_REMINDER_TEMPLATE_ID: { expects: 'mã mẫu ZNS đã được duyệt (chữ số)' },
  ZALO_BOT_TOKEN: { expects: 'token của Zalo Bot', secret: true },
  ZALO_BOT_API_ROOT: { expects: 'địa chỉ gốc của Zalo Bot API' },
  ZALO_BOT_WEBHOOK_SECRET: { expects: 'một chuỗi bí mật ít nhất 8 ký tự cho webhook Zalo Bot', secret: true },
};

const envSchema = z
  .object(shape)
  .superRefine((e, ctx) => {
    // Cross-setting rules: a webhook without its secret would accept anyone's updates.
    if (e.TELEGRAM_BOT_TOKEN && e.PUBLIC_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'required-with-webhook' });
    }
    if (e.ZALO_BOT_TOKEN && e.PUBLIC_URL && !e.ZALO_BOT_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['ZALO_BOT_WEBHOOK_SECRET'], message: 'required-with-webhook' });
    }
    // A reminder time inside quiet hours would move past the last day's deadline and be lost.
    const { hour } = e.REMINDER_SEND_AT;
    const { start, end } = e.QUIET_HOURS;
    const quiet = start === end ? false : start > end ? hour >= start || hour < end : hour >= start && hour < end;
    if (quiet) ctx.addIssue({ code: 'custom', path: ['REMINDER_SEND_AT'], message: 'inside-quiet-hours' });
    const zaloOa = [e.ZALO_OA_ACCESS_TOKEN, e.ZALO_OA_REFRESH_TOKEN, e.ZALO_OA_SECRET_KEY, e.ZALO_OA_APP_SECRET];
    if (zaloOa.some(Boolean) || e.ZALO_OA_APP_ID) {
      for (const name of ['ZALO_OA_APP_ID', 'ZALO_OA_SECRET_KEY', 'ZALO_OA_APP_SECRET'] as const) {
        if (!e[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required-with-zalo-oa' });
      }
    }
  });

/**
 * Parses the environment once, at start; every other module receives the slice it needs.
 * Throws `AppError('CONFIG_INVALID')` whose message lists every problem, one line each, naming the
 * variable and what it expects (never echoing a secret's value).
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>) {
  // An empty value counts as unset: `.env` and compose files often carry `NAME=`.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new AppError('CONFIG_INVALID', describeProblems(parsed.error, env), {
      variables: [...new Set(parsed.error.issues.map((i) => String(i.path[0])))],
    });
  }
  return buildConfig(parsed.data);
}

export type Config = ReturnType<typeof parseConfig>;

function buildConfig(e: z.output<typeof envSchema>) {
  const webhookBase = e.PUBLIC_URL;
  return deepFreeze({
    env: e.NODE_ENV,
    dataDir: e.DATA_DIR,
    database: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL }
      : { kind: 'pglite' as const, dir: `${e.DATA_DIR.replace(/\/+$/, '')}/pglite` },
    redis: { url: e.REDIS_URL, autostart: e.REDIS_AUTOSTART },
    http: { host: e.HOST, port: e.PORT, publicUrl: e.PUBLIC_URL },
    timeZone: e.APP_TIMEZONE,
    startAt: e.APP_NOW,
    adminApiToken: e.ADMIN_API_TOKEN,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, host: e.METRICS_HOST },
    jobs: { cron: e.JOBS_CRON },
    logLevel: e.LOG_LEVEL,
    conversation: { idleMinutes: e.CONVERSATION_IDLE_MINUTES },
    reminders: {
      offsetsDays: e.REMINDER_OFFSETS_DAYS,
      lastDayMorning: true,
      overdueDays: e.REMINDER_OVERDUE_DAYS,
      sendAt: e.REMINDER_SEND_AT,
      quietHours: e.QUIET_HOURS,
      skipSundays: e.REMINDER_SKIP_SUNDAYS,
      timeZone: e.APP_TIMEZONE,
    },
    attachments: { maxBytes: e.ATTACHMENT_MAX_MB * 1024 * 1024 },
    delivery: {
      workers: e.WORKERS,
      queuePrefix: e.QUEUE_PREFIX,
      lockMs: e.DELIVERY_LOCK_MS,
      concurrency: e.DELIVERY_CONCURRENCY,
      ratePerSecond: { telegram: e.TELEGRAM_RATE_PER_SECOND, zalo_oa: e.ZALO_OA_RATE_PER_SECOND, zalo_bot: e.ZALO_BOT_RATE_PER_SECOND },
      telegramPerChatIntervalMs: e.TELEGRAM_PER_CHAT_INTERVAL_MS,
    },
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          botUsername: e.TELEGRAM_BOT_USERNAME,
          webhook:
            webhookBase && e.TELEGRAM_WEBHOOK_SECRET
              ? { url: `${webhookBase}/webhooks/telegram`, secret: e.TELEGRAM_WEBHOOK_SECRET }
              : undefined,
        }
      : undefined,
    zaloOa:
      e.ZALO_OA_APP_ID && e.ZALO_OA_SECRET_KEY && e.ZALO_OA_APP_SECRET
        ? {
            appId: e.ZALO_OA_APP_ID,
            appSecret: e.ZALO_OA_APP_SECRET,
            secretKey: e.ZALO_OA_SECRET_KEY,
            initialAccessToken: e.ZALO_OA_ACCESS_TOKEN,
            initialRefreshToken: e.ZALO_OA_REFRESH_TOKEN,
            apiRoot: e.ZALO_OA_API_ROOT,
            oauthRoot: e.ZALO_OAUTH_ROOT,
            znsApiRoot: e.ZALO_ZNS_API_ROOT,
            reminderTemplateId: e.ZALO_REMINDER_TEMPLATE_ID,
          }
        : undefined,
    zaloBot: e.ZALO_BOT_TOKEN
      ? {
          token: e.ZALO_BOT_TOKEN,
          apiRoot: e.ZALO_BOT_API_ROOT,
          webhook:
            webhookBase && e.ZALO_BOT_WEBHOOK_SECRET
              ? { url: `${webhookBase}/webhooks/zalo-bot`, secret: e.ZALO_BOT_WEBHOOK_SECRET }
              : undefined,
        }
      : undefined,
  });
}

function describeProblems(error: z.ZodError, env: Readonly<Record<string, string | undefined>>): string {
  const lines = new Map<string, string>();
  for (const issue of error.issues) {
    const name = String(issue.path[0]);
    if (lines.has(name) || !isSettingName(name)) continue;
    const setting = docs[name];
    const raw = env[name];
    const why =
      issue.message === 'required-with-webhook'
        ? 'bắt buộc khi đặt PUBLIC_URL (webhook)'
        : issue.message === 'required-with-zalo-oa'
          ? 'bắt buộc khi dùng Zalo OA'
          : issue.message === 'inside-quiet-hours'
            ? `giờ ${raw ?? ''} nằm trong khung giờ không gửi tin (QUIET_HOURS)`
          : raw === undefined || raw === ''
            ? 'chưa đặt'
            : setting.secret
              ? 'giá trị không hợp lệ'
              : `giá trị không hợp lệ: "${raw.length > 80 ? `${raw.slice(0, 80)}…` : raw}"`;
    lines.set(name, `- ${name}: ${why}; cần ${setting.expects}.`);
  }
  return `Cấu hình không hợp lệ (biến môi trường):\n${[...lines.values()].join('\n')}`;
}

/** "14,7,3,1" -> [14, 7, 3, 1]: whole days from 0 to 365, distinct. */
function dayList() {
  return z
    .string()
    .regex(/^\s*(\d{1,3}\s*(,\s*\d{1,3}\s*)*)?$/)
    .transform((v) => [...new Set(v.split(',').map((d) => d.trim()).filter(Boolean).map(Number))].filter((d) => d <= 365));
}

function isSettingName(name: string): name is SettingName {
  return Object.hasOwn(shape, name);
}


function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
