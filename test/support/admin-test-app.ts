import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/core/auth/password-hash';
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

export interface AdminTestApp {
  readonly app: App;
  /** A fresh DATA_DIR for attachments, removed by `close`. */
  readonly dataDir: string;
  login(username: string, password: string): Promise<AdminBrowser>;
  get(as: AdminBrowser, url: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * The dashboard with the report, call-list and audit pages wired as `src/main/admin-pages.ts`
 * wires them, on the harness's database and clock.
 */
export async function createAdminTestApp(h: Harness): Promise<AdminTestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'admin-pages-'));
  const now = () => h.clock.now();
  const submissions = createPrismaSubmissionAdminRepository(h.prisma, { timeZone: TIME_ZONE });
  const app = await buildApp({
    logger: silentLogger,
    health: { checks: {} },
    admin: {
      repository: createPrismaAdminRepository(h.prisma),
      exportPeriod: (periodId) => exportPeriodWorkbook(h.prisma, periodId, { timeZone: TIME_ZONE }),
      now,
      timeZone: TIME_ZONE,
      secureCookies: false,
      pages: [
        async (scope) => {
          await scope.register(submissionPages, { repository: submissions, timeZone: TIME_ZONE, dataDir });
          await scope.register(callPages, {
            callList: (which) => queryCallList(h.prisma, which),
            areas: () => submissions.areas(),
            audit: (entry) => submissions.audit(entry),
            now,
            timeZone: TIME_ZONE,
          });
          await scope.register(auditPages, { repository: createPrismaAuditRepository(h.prisma), timeZone: TIME_ZONE });
        },
      ],
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
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
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
