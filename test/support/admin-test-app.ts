import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/core/auth/password-hash';
import type { PrismaClient } from '../../src/db/generated/client';
import { exportPeriodWorkbook } from '../../src/db/export-period-workbook';
import { createPrismaAdminRepository } from '../../src/db/prisma-admin-repository';
import { createPrismaAuditRepository } from '../../src/db/prisma-audit-repository';
import { createPrismaSubmissionAdminRepository } from '../../src/db/prisma-submission-admin-repository';
import { queryCallList } from '../../src/db/query-call-list';
import { auditPages } from '../../src/http/admin/audit-pages';
import { callPages } from '../../src/http/admin/call-pages';
import { submissionPages } from '../../src/http/admin/submission-pages';
import { type App, buildApp } from '../../src/http/app';
import type { Harness } from './conversation-harness';
import { silentLogger } from './silent-logger';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A signed-in browser: its session cookie and the CSRF token its forms carry. */
export interface AdminBrowser {
  readonly cookie: string;
  readonly csrf: string;
}

/** What the pages under test are built on: the harness's database and clock, and the app's DATA_DIR. */
export interface AdminTestContext {
  readonly db: Database;
  readonly prisma: PrismaClient;
  now(): Date;
  readonly timeZone: string;
  readonly dataDir: string;
}

/** Registers the pages under test behind the login, as one entry of `src/main/admin-pages.ts` does. */
export type AdminTestPages = (scope: FastifyInstance, context: AdminTestContext) => Promise<void>;

/** A form's fields by name, or as pairs in order (a repeated name, e.g. several checkboxes, is several pairs). */
export type FormFields = Record<string, string> | ReadonlyArray<readonly [string, string]>;

/** A form body as a browser sends it with `enctype="multipart/form-data"`. */
export interface MultipartForm {
  readonly contentType: string;
  readonly payload: Buffer;
}

export interface AdminTestApp {
  readonly app: App;
  /** A fresh DATA_DIR for attachments, removed by `close`. */
  readonly dataDir: string;
  login(username: string, password: string): Promise<AdminBrowser>;
  get(as: Pick<AdminBrowser, 'cookie'>, url: string): Promise<LightMyRequestResponse>;
  /** Posts URL-encoded fields, in order; the caller adds `_csrf` where the form has it. */
  postForm(as: Pick<AdminBrowser, 'cookie'>, url: string, fields: FormFields): Promise<LightMyRequestResponse>;
  postMultipart(as: Pick<AdminBrowser, 'cookie'>, url: string, form: MultipartForm): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The report, call-list and audit pages, wired as `src/main/admin-pages.ts` wires them. */
export const reportPages: AdminTestPages = async (scope, { prisma, now, timeZone, dataDir }) => {
  const submissions = createPrismaSubmissionAdminRepository(prisma, { timeZone });
  await scope.register(submissionPages, { repository: submissions, timeZone, dataDir });
  await scope.register(callPages, {
    callList: (which) => queryCallList(prisma, which),
    areas: () => submissions.areas(),
    audit: (entry) => submissions.audit(entry),
    now,
    timeZone,
  });
  await scope.register(auditPages, { repository: createPrismaAuditRepository(prisma), timeZone });
};

/**
 * The dashboard (login, overview, progress, XLSX export) with `options.pages` behind its login
 * (by default the report, call-list and audit pages), on the harness's database and clock.
 */
export async function createAdminTestApp(h: Harness, options: { pages?: AdminTestPages } = {}): Promise<AdminTestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'admin-pages-'));
  const context: AdminTestContext = { db: h.db, prisma: h.prisma, now: () => h.clock.now(), timeZone: TIME_ZONE, dataDir };
  const pages = options.pages ?? reportPages;
  const app = await buildApp({
    logger: silentLogger,
    health: { checks: {} },
    admin: {
      repository: createPrismaAdminRepository(h.prisma),
      exportPeriod: (periodId) => exportPeriodWorkbook(h.prisma, periodId, { timeZone: TIME_ZONE }),
      now: context.now,
      timeZone: TIME_ZONE,
      secureCookies: false,
      pages: [(scope) => pages(scope, context)],
    },
  });

  async function login(username: string, password: string): Promise<AdminBrowser> {
    const loginPage = await app.inject({ method: 'GET', url: '/admin/login' });
    const loginCookie = String(loginPage.headers['set-cookie']).split(';')[0] ?? '';
    const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(loginPage.body)?.[1] ?? '';
    const response = await app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username, password, _csrf: loginCsrf }).toString(),
    });
    if (response.statusCode !== 303) throw new Error(`login as ${username} failed: ${response.statusCode}`);
    const cookie = String(response.headers['set-cookie']).split(';')[0] ?? '';
    const home = await app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '';
    return { cookie, csrf };
  }

  return {
    app,
    dataDir,
    login,
    get: (as, url) => app.inject({ method: 'GET', url, headers: { cookie: as.cookie } }),
    postForm: (as, url, fields) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: as.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(pairs(fields)).toString(),
      }),
    postMultipart: (as, url, form) => app.inject({ method: 'POST', url, headers: { cookie: as.cookie, 'content-type': form.contentType }, payload: form.payload }),
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A multipart form: the fields in order, then the file if there is one (its type octet-stream unless given). */
export function multipartForm(
  fields: FormFields,
  file?: { readonly name: string; readonly bytes: Buffer | string; readonly type?: string },
): MultipartForm {
  const boundary = `----hiephoi${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of pairs(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, payload: Buffer.concat(parts) };
}

/**
 * The fields of the form `markup` starts with, as a browser would send them: its inputs' values and
 * its textareas' text.
 */
export function formFields(markup: string): Record<string, string> {
  const form = markup.slice(0, markup.indexOf('</form>'));
  const values: Record<string, string> = {};
  for (const [tag, name] of form.matchAll(/<input [^>]*name="([^"]+)"[^>]*>/g)) {
    values[htmlUnescape(name ?? '')] = htmlUnescape(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  for (const [, name, text] of form.matchAll(/<textarea name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    // As HTML parsing does: a newline right after <textarea> is not part of the text.
    values[htmlUnescape(name ?? '')] = htmlUnescape(text ?? '').replace(/^\n/, '');
  }
  return values;
}

/** An office admin, or an area viewer of `areaCode`; returns the account's id. */
export async function addAdmin(h: Harness, username: string, password: string, options: { displayName?: string; areaCode?: string } = {}): Promise<number> {
  const area = options.areaCode ? await h.prisma.area.findUniqueOrThrow({ where: { code: options.areaCode } }) : null;
  const user = await h.prisma.adminUser.create({
    data: {
      username,
      displayName: options.displayName ?? username,
      passwordHash: await hashPassword(password),
      ...(area ? { role: 'area_viewer' as const, areaId: area.id } : {}),
    },
  });
  return user.id;
}

/**
 * Splits RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into records; for checking what
 * a spreadsheet would read, not for production.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function htmlUnescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function pairs(fields: FormFields): Array<[string, string]> {
  return isPairs(fields) ? fields.map(([name, value]) => [name, value]) : Object.entries(fields);
}

function isPairs(fields: FormFields): fields is ReadonlyArray<readonly [string, string]> {
  return Array.isArray(fields);
}
