import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  type BroadcastRecord,
  type MemberRecord,
  memberStatuses,
  type PeriodRecord,
  type ReadApiRepository,
  type SubmissionRecord,
} from './read-api-repository';

export interface ReadApiDeps {
  /**
   * `ADMIN_API_TOKEN`: callers send it as `Authorization: Bearer <token>`. Unset or blank, the
   * API answers 503 to everyone: it is never open by accident.
   */
  readonly token: string | undefined;
  readonly repository: ReadApiRepository;
}

/**
 * The read API for the office's other tools (spreadsheets, the province's reporting system), as
 * JSON under `/api/v1`: members, one period's submissions, one broadcast's delivery counts.
 * Read-only, behind one bearer token; dates are ISO strings, lists are paged and ordered by id.
 */
export const readApiRoutes: FastifyPluginAsync<ReadApiDeps> = async (app, deps) => {
  const expected = deps.token?.trim() ? digest(deps.token) : undefined;

  // Encapsulated: the check guards this plugin's routes only, and runs before any query parsing.
  app.addHook('onRequest', async (request, reply) => {
    // Member data must not linger in a proxy's or browser's cache.
    reply.header('cache-control', 'no-store');
    if (!expected) {
      return reply.code(503).send({ error: 'API chưa được bật: đặt ADMIN_API_TOKEN.' });
    }
    const presented = bearerToken(request.headers.authorization);
    // Both sides hashed: equal lengths for timingSafeEqual, and the token's length does not leak.
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'Thiếu hoặc sai mã truy cập.' });
    }
    return undefined;
  });

  app.get('/api/v1/members', async (request, reply) => {
    const query = parseParams(membersQuery, request.query);
    if (!query.ok) return reply.code(400).send({ error: query.message });
    const { page, pageSize, area, status, q } = query.data;
    const result = await deps.repository.findMembers({
      page,
      pageSize,
      ...(area === undefined ? {} : { areaCode: area }),
      ...(status === undefined ? {} : { status }),
      ...(q === undefined ? {} : { search: q }),
    });
    return { data: result.items.map(memberJson), page, pageSize, total: result.total };
  });

  app.get('/api/v1/submissions', async (request, reply) => {
    const query = parseParams(submissionsQuery, request.query);
    if (!query.ok) return reply.code(400).send({ error: query.message });
    const { period: periodId, page, pageSize } = query.data;
    const period = await deps.repository.findPeriodById(periodId);
    if (!period) return reply.code(404).send({ error: `Không có kỳ báo cáo mã số ${periodId}.` });
    const result = await deps.repository.findSubmissionsByPeriodId(periodId, { page, pageSize });
    return { period: periodJson(period), data: result.items.map(submissionJson), page, pageSize, total: result.total };
  });

  app.get('/api/v1/broadcasts/:id', async (request, reply) => {
    const params = parseParams(broadcastParams, request.params);
    if (!params.ok) return reply.code(400).send({ error: params.message });
    const broadcast = await deps.repository.findBroadcastByIdIncludeCounts(params.data.id);
    if (!broadcast) return reply.code(404).send({ error: `Không có đợt gửi tin mã số ${params.data.id}.` });
    return broadcastJson(broadcast);
  });

  app.setErrorHandler((error, request, reply) => {
    const status = typeof error === 'object' && error && 'statusCode' in error ? error.statusCode : undefined;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.code(status).send({ error: 'Yêu cầu không hợp lệ.' });
    }
    request.log.error({ err: error }, 'read API request failed');
    return reply.code(500).send({ error: 'Lỗi máy chủ, xin thử lại sau.' });
  });
};

/** The largest id PostgreSQL's `integer` holds: a larger one is refused, not sent to the database. */
const MAX_ID = 2_147_483_647;

/** Query values arrive as strings; digits only, so `1e3`, `0x10` or ` 5` are refused, not guessed. */
function intParam(min: number, max: number) {
  return z.string().regex(/^\d{1,10}$/).transform(Number).pipe(z.number().int().min(min).max(max));
}

const paging = {
  // The cap keeps the offset within what the database is asked to skip sensibly.
  page: intParam(1, 100_000).default(1),
  pageSize: intParam(1, 500).default(100),
};

// Strict: a misspelt filter (`pagesize`, `areaCode`) would otherwise silently return everything.
const membersQuery = z.strictObject({
  ...paging,
  area: z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,64}$/).optional(),
  status: z.enum(memberStatuses).optional(),
  q: z
    .string()
    .max(200)
    .transform((s) => s.trim() || undefined)
    .optional(),
});

const submissionsQuery = z.strictObject({ ...paging, period: intParam(1, MAX_ID) });

const broadcastParams = z.object({ id: intParam(1, MAX_ID) });

/** What each parameter must be, in the words of the 400 that names it. */
const parameterHints: Readonly<Record<string, string>> = {
  page: 'số nguyên từ 1 đến 100000',
  pageSize: 'số nguyên từ 1 đến 500',
  area: 'mã địa bàn, ví dụ hiep-hoa',
  status: `một trong ${memberStatuses.join(', ')}`,
  q: 'chuỗi tìm kiếm, tối đa 200 ký tự',
  period: 'mã số (id) của kỳ báo cáo, số nguyên dương',
  id: 'mã số (id), số nguyên dương',
};

type Parsed<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly message: string };

/** Parses query or path parameters; a failure becomes a Vietnamese message naming the parameter. */
function parseParams<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    return { ok: false, message: `Tham số không được hỗ trợ: ${issue.keys.map((k) => `“${k}”`).join(', ')}.` };
  }
  const name = String(issue?.path[0] ?? '');
  const hint = parameterHints[name] ?? 'giá trị không đúng';
  const given = typeof input === 'object' && input !== null && name in input;
  return {
    ok: false,
    message: given ? `Tham số “${name}” không hợp lệ: cần ${hint}.` : `Thiếu tham số “${name}”: cần ${hint}.`,
  };
}

/** The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive (RFC 7235). */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header ?? '');
  return match?.[1];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

function memberJson(m: MemberRecord) {
  return {
    id: m.id,
    name: m.name,
    taxCode: m.taxCode,
    area: m.area,
    type: m.type,
    status: m.status,
    contactPerson: m.contactPerson,
    phone: m.phone,
    inviteCode: m.inviteCode,
    contacts: m.contacts.map((c) => ({
      channel: c.channel,
      role: c.role,
      status: c.status,
      lastInteractionAt: iso(c.lastInteractionAt),
    })),
    createdAt: m.createdAt.toISOString(),
  };
}

function periodJson(p: PeriodRecord) {
  return { id: p.id, code: p.code, name: p.name, deadlineAt: p.deadlineAt.toISOString() };
}

function submissionJson(s: SubmissionRecord) {
  return {
    member: s.member,
    onTime: s.onTime,
    firstSubmittedAt: s.firstSubmittedAt.toISOString(),
    lastSubmittedAt: s.lastSubmittedAt.toISOString(),
    currentRevision: s.currentRevision,
    referenceCode: s.referenceCode,
    values: s.values,
    attachments: s.attachments,
  };
}

function broadcastJson(b: BroadcastRecord) {
  const total = Object.values(b.deliveryCounts).reduce((sum, n) => sum + n, 0);
  return {
    id: b.id,
    kind: b.kind,
    title: b.title,
    status: b.status,
    scheduledAt: iso(b.scheduledAt),
    startedAt: iso(b.startedAt),
    finishedAt: iso(b.finishedAt),
    cancelledAt: iso(b.cancelledAt),
    createdAt: b.createdAt.toISOString(),
    counts: { ...b.deliveryCounts, total },
    failures: { ...b.failureCounts },
  };
}
