import { randomInt } from 'node:crypto';
import type { InboundAttachment, InboundMessage } from '../../src/core/messages';

/**
 * Hostile inputs for the conversation fuzzer (issue 9): what people, their phones' keyboards,
 * copy-paste and forged requests can put into an `InboundMessage`. Reproducible: the same seed
 * gives the same inputs in the same order.
 */

/** A seeded pseudo-random generator (sfc32): fast, 32-bit, good enough for fuzzing. */
export interface Rng {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function createRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 15; i += 1) next();
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
  };
}

/** A seed for a run nobody chose: print it, so a failure can be replayed. */
export function randomSeed(): number {
  return randomInt(1, 2 ** 31);
}

/** A seed of its own for each step and each input, so one input is replayed without the others. */
export function deriveSeed(seed: number, ...parts: readonly (string | number)[]): number {
  let h = seed >>> 0;
  for (const char of parts.join('/')) {
    h = Math.imul(h ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  }
  return h;
}

/** What a fuzz input may carry: everything of an `InboundMessage` but who sent it and its id. */
export type FuzzMessage = Omit<InboundMessage, 'channel' | 'platformUserId' | 'updateId'>;

export const fuzzCategories = [
  'unicode',
  'emoji',
  'huge',
  'control',
  'sql',
  'html',
  'number',
  'date',
  'phone',
  'payload',
  'empty',
  'whitespace',
  'attachment',
  'command',
  'mutated',
  'display-name',
] as const;
export type FuzzCategory = (typeof fuzzCategories)[number];

export interface FuzzInput {
  readonly category: FuzzCategory;
  readonly message: FuzzMessage;
}

/** What the fuzzer knows of the question being answered, to forge near-misses of it. */
export interface FuzzContext {
  /** The payloads of the choices the last reply offered. */
  readonly offeredPayloads: readonly string[];
  /** A valid answer to the question, to mutate. */
  readonly validText?: string;
}

/** One hostile input of a random category. */
export function fuzzInput(rng: Rng, context: FuzzContext): FuzzInput {
  const category = rng.pick(fuzzCategories);
  return { category, message: messageOf(category, rng, context) };
}

function messageOf(category: FuzzCategory, rng: Rng, context: FuzzContext): FuzzMessage {
  switch (category) {
    case 'unicode':
      return { text: randomUnicode(rng, rng.int(1, rng.chance(0.2) ? 2_000 : 60)) };
    case 'emoji':
      return { text: emojiText(rng) };
    case 'huge':
      return { text: hugeText(rng) };
    case 'control':
      return { text: controlText(rng, context) };
    case 'sql':
      return { text: maybeAround(rng, rng.pick(sqlFragments), context) };
    case 'html':
      return { text: maybeAround(rng, rng.pick(htmlFragments), context) };
    case 'number':
      return { text: numberText(rng) };
    case 'date':
      return { text: rng.pick(dateTexts) };
    case 'phone':
      return phoneMessage(rng);
    case 'payload':
      return payloadMessage(rng, context);
    case 'empty':
      return rng.pick<FuzzMessage>([{ text: '' }, {}, { payload: '' }, { text: '', payload: '' }]);
    case 'whitespace':
      return { text: whitespaceText(rng) };
    case 'attachment':
      return attachmentMessage(rng);
    case 'command':
      return { text: commandText(rng) };
    case 'mutated':
      return { text: mutate(rng, context.validText ?? rng.pick(validAnswers)) };
    case 'display-name':
      return { ...messageOf(rng.pick(['unicode', 'sql', 'number', 'mutated'] as const), rng, context), displayName: displayName(rng) };
  }
}

// ───────────────────────────── Unicode ─────────────────────────────

const zeroWidth = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u180e', '\u00ad'];
const bidi = ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const combining = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031b', '\u0336', '\u0489', '\u20e3', '\ufe0f'];

/** One code unit sequence of a random kind: any plane, lone surrogates, marks, invisibles. */
function randomPiece(rng: Rng): string {
  switch (rng.int(0, 11)) {
    case 0:
      return String.fromCodePoint(rng.int(0x20, 0x7e));
    case 1:
      return String.fromCodePoint(rng.int(0xa0, 0x2fff));
    case 2:
      return String.fromCodePoint(rng.int(0x3000, 0xd7ff));
    case 3:
      return String.fromCodePoint(rng.int(0xe000, 0xffff));
    case 4:
      return String.fromCodePoint(rng.int(0x10000, 0x10ffff));
    case 5:
      // A lone surrogate, high or low: not UTF-8 encodable, and not storable as JSON in PostgreSQL.
      return String.fromCharCode(rng.int(0xd800, 0xdfff));
    case 6:
      return rng.pick(zeroWidth);
    case 7:
      return rng.pick(bidi);
    case 8:
      // A letter under a stack of combining marks ("Zalgo").
      return rng.pick(['a', 'o', 'ư', 'Đ', '1']) + Array.from({ length: rng.int(1, 60) }, () => rng.pick(combining)).join('');
    case 9:
      return rng.pick(['ệ', 'ướ', 'Ỹ', 'đ', 'e\u0302\u0323', 'o\u031b\u0301', 'ﬃ', 'Ⅻ', 'ß', 'İ', 'ǅ']);
    case 10:
      return rng.pick(['\ufffd', '\ufffe', '\uffff', '\u{10ffff}', '\u{e0001}', '\u{e0041}', '\u{1d54f}', '\u{f0000}']);
    default:
      return String.fromCodePoint(rng.int(0x0e00, 0x0eff), rng.int(0x1100, 0x11ff));
  }
}

export function randomUnicode(rng: Rng, pieces: number): string {
  return Array.from({ length: pieces }, () => randomPiece(rng)).join('');
}

const emoji = ['😀', '👍', '🇻🇳', '👨‍👩‍👧‍👦', '🏳️‍🌈', '👍🏽', '1️⃣', '#️⃣', '🧑🏿‍💻', '❤️', '🫠', '💰', '📈', '🙏', '🤝', '☎️', '🇺🇸', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'];

function emojiText(rng: Rng): string {
  const count = rng.int(1, rng.chance(0.1) ? 3_000 : 12);
  const parts = Array.from({ length: count }, () => rng.pick(emoji));
  // Emoji around a real answer, as people decorate them.
  if (rng.chance(0.3)) parts.splice(rng.int(0, parts.length), 0, rng.pick(validAnswers));
  return parts.join(rng.chance(0.5) ? '' : ' ');
}

// ───────────────────────────── Sizes ─────────────────────────────

/** About 100 KB of text, in the shapes a paste takes. */
function hugeText(rng: Rng): string {
  const target = rng.int(90_000, 110_000);
  switch (rng.int(0, 5)) {
    case 0:
      return 'Doanh nghiệp gặp khó khăn về vốn lưu động và thị trường tiêu thụ. '.repeat(target / 66 + 1).slice(0, target);
    case 1:
      return 'x'.repeat(target);
    case 2:
      return '9'.repeat(target);
    case 3:
      return Array.from({ length: target / 40 }, (_, i) => `Dòng ${i}: ${'ă'.repeat(30)}`).join('\n');
    case 4:
      return randomUnicode(rng, target / 4);
    default:
      return '😀'.repeat(target / 2);
  }
}

// ───────────────────────────── Control characters ─────────────────────────────

const controls = ['\u0000', '\u0001', '\u0007', '\u0008', '\t', '\n', '\u000b', '\u000c', '\r', '\u001b', '\u001f', '\u007f', '\u0085', '\u009b', '\u2028', '\u2029'];

function controlText(rng: Rng, context: FuzzContext): string {
  if (rng.chance(0.2)) return '\u0000'.repeat(rng.int(1, 20));
  if (rng.chance(0.2)) return Array.from({ length: rng.int(1, 40) }, () => rng.pick(controls)).join('');
  // Control characters inside an answer that would otherwise be valid.
  const base = context.validText ?? rng.pick(validAnswers);
  return insertAt(rng, base, Array.from({ length: rng.int(1, 3) }, () => rng.pick(controls)).join(''));
}

// ───────────────────────────── Injection ─────────────────────────────

const sqlFragments = [
  "'; DROP TABLE members; --",
  "1' OR '1'='1",
  '1; SELECT pg_sleep(10); --',
  "Robert'); DROP TABLE submissions;--",
  "' UNION SELECT password_hash FROM admin_users --",
  '$1',
  '%',
  '_',
  '\\',
  "\\'",
  "E'\\x00'",
  '"; COPY members TO PROGRAM \'id\'; --',
  "'||(SELECT version())||'",
  '/* */ SELECT 1',
  '0x00',
  "chr(0)",
];

const htmlFragments = [
  '<script>alert(1)</script>',
  '<b>12</b>',
  '<img src=x onerror=alert(1)>',
  '</a><a href="javascript:alert(1)">bấm</a>',
  '&lt;b&gt;',
  '&amp;&amp;',
  '&#0;',
  '<',
  '>',
  '<tg-spoiler>',
  '{{7*7}}',
  '${7*7}',
  '#{7*7}',
  '*đậm* _nghiêng_ `mã`',
  '[liên kết](http://example.com)',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  '__proto__',
  'constructor',
  '{"__proto__":{"admin":true}}',
  'undefined',
  'null',
  'NaN',
  '[object Object]',
];

function maybeAround(rng: Rng, fragment: string, context: FuzzContext): string {
  if (!rng.chance(0.4)) return fragment;
  const base = context.validText ?? rng.pick(validAnswers);
  return rng.chance(0.5) ? `${base}${fragment}` : `${fragment} ${base}`;
}

// ───────────────────────────── Numbers and dates ─────────────────────────────

const numberTexts = [
  '-5',
  '−5 tỷ',
  '– 12 triệu',
  'âm 5 tỷ',
  '-0',
  '+5',
  '0',
  '00000000',
  '1e308',
  '1e-308',
  '-1e308',
  '5e3',
  'Infinity',
  '-Infinity',
  'NaN',
  '999999999999999 tỷ',
  '99999999999999999999999999999999999999',
  '9007199254740993',
  '1.000.000.000.000.000.000 đồng',
  '100001 tỷ',
  '100000 tỷ',
  '10000,5 tỷ',
  '0,0000001 tỷ',
  '0,5 đồng',
  '1,2,3',
  '1.2.3',
  '1,,2',
  '1..2',
  '.5',
  '5.',
  ',5 tỷ',
  '12,5',
  '12.5',
  '1.250 tỷ',
  '2 tỷ 25',
  '2 tỷ 1500 triệu',
  '1tr5',
  '1 tỷ 2 tỷ',
  'tỷ',
  'triệu triệu',
  '１２３',
  '١٢٣',
  '๑๒๓',
  'Ⅻ',
  '½',
  '²',
  '0x1F',
  '0b101',
  '12 người',
  '12,5 người',
  '500001',
  '500000',
  '1 nghìn tỷ',
  '12 tỷ đô',
  '$12',
  '12 USD',
  '12%',
  '12k',
  '200 triệu',
  '200000001 đồng',
  '1 000 000',
  '1 00 000',
];

function numberText(rng: Rng): string {
  if (rng.chance(0.7)) return rng.pick(numberTexts);
  const digits = Array.from({ length: rng.int(1, rng.chance(0.1) ? 400 : 25) }, () => String(rng.int(0, 9))).join('');
  const unit = rng.pick(['', ' tỷ', ' triệu', ' tr', ' nghìn', 'k', ' đồng', ' người', ' tỉ', ' ty']);
  const sign = rng.pick(['', '', '-', '−', 'âm ']);
  const separated = rng.chance(0.3) ? digits.replace(/\B(?=(\d{3})+$)/g, rng.pick(['.', ',', ' '])) : digits;
  return `${sign}${separated}${unit}`;
}

const dateTexts = [
  '31/02/2022',
  '00/00/0000',
  '2022-13-45',
  '32/13/2022',
  '1/1/99999',
  '29/02/2023',
  '10/7',
  'hôm qua',
  'ngày mai',
  'T+1',
  '2022-07-01T09:00:00+07:00',
  '1656640800',
  '25:61',
  'thứ Tám',
  'tháng 13',
  '30/4/1975',
];

const phoneTexts = [
  '0912 345 678',
  '+84 912 345 678',
  '84912345678',
  '0084912345678',
  '0000000000',
  '+1 555 0100',
  '０９１２３４５６７８',
  '09123456780000',
  '091-234-5678',
  '(+84) 0912.345.678',
  '0241234567',
  '01234567890',
  '0952345678',
  '+',
  '+84',
  '0912345678; DROP TABLE contacts',
];

function phoneMessage(rng: Rng): FuzzMessage {
  const phone = rng.chance(0.7) ? rng.pick(phoneTexts) : randomUnicode(rng, rng.int(0, 30));
  return rng.chance(0.5) ? { sharedPhone: { phone, verified: rng.chance(0.5) } } : { text: phone };
}

// ───────────────────────────── Buttons ─────────────────────────────

/** Payloads of every question in the service, and some that belong to none. */
const knownPayloads = [
  'yes',
  'no',
  'register',
  'retry',
  'submit',
  'restart',
  'enterprise',
  'district_association',
  'collective',
  'continue',
  'correct',
  'stop',
  'fix',
  'back',
  'skip',
  'send',
  'edit',
  'all',
  'areas',
  'not_submitted',
  'cmd:report',
  'cmd:plan',
  'cmd:status',
  'cmd:help',
  'cmd:cancel',
  'cmd:progress',
  'cmd:announce',
  'cmd:start',
  'cmd:',
  'area:1',
  'area:0',
  'area:-1',
  'area:999999',
  'area:1.5',
  'area:abc',
  'm:1',
  'm:999999',
  'period:1',
  'period:999999',
  'field:0',
  'field:6',
  'field:7',
  'field:99',
  'field:-1',
  'field:1e3',
  'field:NaN',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];

function payloadMessage(rng: Rng, context: FuzzContext): FuzzMessage {
  const offered = context.offeredPayloads;
  const payload = (() => {
    switch (rng.int(0, 6)) {
      case 0:
        return rng.pick(knownPayloads);
      case 1:
        // A payload of this question, altered: stale, truncated, with a suffix.
        return offered.length > 0 ? mutatePayload(rng, rng.pick(offered)) : rng.pick(knownPayloads);
      case 2:
        // Very long callback data: Telegram caps it at 64 bytes, a forged request does not.
        return rng.pick(['x', 'cmd:report', 'area:1', '9']).repeat(rng.int(20, 5_000));
      case 3:
        return randomUnicode(rng, rng.int(1, 40));
      case 4:
        return `${rng.pick(knownPayloads)}\u0000`;
      case 5:
        return rng.pick(offered.length > 0 ? offered : knownPayloads);
      default:
        return rng.pick(['', ' ', '1', '0', '-1', 'null', 'undefined', '{}', '[]', 'true']);
    }
  })();
  // A button's payload with text the person did not type (Zalo's numbered replies, forged requests).
  if (rng.chance(0.25)) return { payload, text: rng.pick(validAnswers) };
  return { payload };
}

function mutatePayload(rng: Rng, payload: string): string {
  switch (rng.int(0, 5)) {
    case 0:
      return payload.slice(0, rng.int(0, payload.length - 1));
    case 1:
      return `${payload}${rng.pick(['1', ' ', ':', '\u0000', 'x', '.0'])}`;
    case 2:
      return payload.toUpperCase();
    case 3:
      return payload.replace(/\d+/g, (n) => String(Number(n) + rng.int(1, 1000)));
    case 4:
      return ` ${payload}`;
    default:
      return payload.replace(/\d+/g, '-1');
  }
}

// ───────────────────────────── Blank, commands, mutations ─────────────────────────────

function whitespaceText(rng: Rng): string {
  const spaces = [' ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2003', '\u200b', '\ufeff', '\u2028', '\u180e', '\u205f'];
  return Array.from({ length: rng.int(1, rng.chance(0.1) ? 5_000 : 10) }, () => rng.pick(spaces)).join('');
}

const commands = ['/start', '/baocao', '/trangthai', '/kehoach', '/trogiup', '/huy', '/tiendo', '/thongbao'];

function commandText(rng: Rng): string {
  switch (rng.int(0, 7)) {
    case 0:
      return rng.pick(['/', '//', '/ ', '/@', '/baocao@', '/@HiepHoiBot', '/\u0000', '/😀', '/báo cáo', '/BAOCAO', '/bao_cao', '/baocao@HiepHoiBot@x']);
    case 1:
      return `/start ${randomUnicode(rng, rng.int(1, 30))}`;
    case 2:
      return `/start ${rng.pick(['x'.repeat(10_000), "'; DROP TABLE role_invites; --", 'INV00001', 'hv0001', '0100109106', '0100109107', '../../', '\u0000'])}`;
    case 3:
      return `${rng.pick(commands)} ${rng.pick(validAnswers)}`;
    case 4:
      return `${rng.pick(commands)}${rng.pick(['@HiepHoiBot', '@', '@other_bot', '\u200b', '!', '?', '.'])}`;
    case 5:
      return rng.pick(['báo cáo', 'BÁO CÁO', 'huỷ', 'hủy bỏ', 'Hủy', 'dừng lại', 'kế hoạch', 'trạng thái', 'giúp', 'HELP', 'thông báo', 'tiến độ']);
    case 6:
      return `${rng.pick(commands)}${'\n'.repeat(rng.int(1, 3))}${rng.pick(sqlFragments)}`;
    default:
      return rng.pick(commands);
  }
}

/** Answers that are valid at some question: mutated, they make near-misses. */
const validAnswers = [
  '12,5 tỷ',
  '800 triệu',
  '120',
  '8,5 triệu',
  '50 triệu',
  'Thiếu vốn lưu động',
  'bỏ qua',
  'Đúng',
  'Không phải',
  'Gửi báo cáo',
  'Sửa một mục',
  'Quay lại',
  'Đăng ký mới',
  'Hiệp Hòa',
  '0100109106',
  '0912 345 678',
  'Công ty TNHH Hoa Sen',
  'Nguyễn Văn An',
  '1',
  '2',
  '3',
  '4',
];

function insertAt(rng: Rng, base: string, insert: string): string {
  const chars = Array.from(base);
  const at = rng.int(0, chars.length);
  return [...chars.slice(0, at), insert, ...chars.slice(at)].join('');
}

/** A valid answer, slightly wrong: what typos, autocorrect and copy-paste do. */
export function mutate(rng: Rng, valid: string): string {
  switch (rng.int(0, 11)) {
    case 0:
      return insertAt(rng, valid, rng.pick(zeroWidth));
    case 1:
      return insertAt(rng, valid, rng.pick(bidi));
    case 2:
      return insertAt(rng, valid, rng.pick(combining));
    case 3:
      return valid.normalize('NFD');
    case 4:
      return valid.repeat(rng.int(2, 50));
    case 5:
      return `${valid}${rng.pick(['!', '?', '...', ' ạ', ' nhé', ' 😀', ';', '\u0000', '\ud800'])}`;
    case 6:
      return valid.toUpperCase();
    case 7:
      return Array.from(valid).reverse().join('');
    case 8:
      return valid.replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
    case 9:
      return `${rng.pick(['"', '“', '(', '[', '-', '*', '>'])}${valid}${rng.pick(['"', '”', ')', ']', '', '*'])}`;
    case 10:
      return Array.from(valid).join(rng.pick([' ', '.', '\u200b', '\n']));
    default:
      return valid.slice(0, rng.int(0, Math.max(0, valid.length - 1)));
  }
}

// ───────────────────────────── Files and names ─────────────────────────────

const fileNames = [
  'bao-cao-6-thang.pdf',
  'Báo cáo 6 tháng.pdf',
  'Ba\u0301o ca\u0301o.docx',
  '',
  '.',
  '..',
  '.pdf',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'CON',
  'báo cáo',
  'anh.JPG',
  'thue\u0000.pdf',
  'hoa-don\u202egnp.exe',
  '😀😀.png',
  '<script>.pdf',
  "'; DROP TABLE attachments; --.xlsx",
  'a b\tc\nd.pdf',
  'bao-cao.pdf.exe',
  'file',
];

const mimeTypes = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
];

function attachmentMessage(rng: Rng): FuzzMessage {
  const fileName = rng.chance(0.8)
    ? rng.pick(fileNames)
    : rng.chance(0.5)
      ? `${'a'.repeat(rng.int(200, 255))}.pdf`
      : `${randomUnicode(rng, rng.int(1, 40))}.pdf`;
  const mimeType = rng.pick(mimeTypes);
  const attachment: InboundAttachment = {
    kind: mimeType.startsWith('image/') ? 'image' : 'document',
    fileName,
    mimeType,
    sizeBytes: rng.pick([1, 20_480, 10 * 1024 * 1024, 20 * 1024 * 1024, rng.int(1, 50 * 1024 * 1024)]),
    sha256: Array.from({ length: 64 }, () => rng.pick([...'0123456789abcdef'])).join(''),
    storagePath: `uploads/2022/07/${rng.int(1, 1e9).toString(36)}.bin`,
  };
  // Telegram carries a caption with a file; it may be anything.
  if (rng.chance(0.3)) return { attachment, text: rng.pick([...validAnswers, ...sqlFragments, '\u0000', '']) };
  return { attachment };
}

/** A name as a platform may report it: Telegram and Zalo names are the person's to choose. */
function displayName(rng: Rng): string {
  switch (rng.int(0, 6)) {
    case 0:
      return 'Nguyễn\u0000 Văn An';
    case 1:
      return randomUnicode(rng, rng.int(1, 64));
    case 2:
      return '\u202eAn Văn Nguyễn';
    case 3:
      return '<b>Admin</b> &amp;';
    case 4:
      return '';
    case 5:
      return 'undefined';
    default:
      return rng.pick(emoji).repeat(rng.int(1, 32));
  }
}

/** An input as JSON with every code unit visible, to paste into a regression test. */
export function describeInput(message: FuzzMessage, max = 300): string {
  const json = JSON.stringify(message, (_key, value: unknown) =>
    typeof value === 'string' && value.length > max ? `${value.slice(0, max)}…(${value.length} chars)` : value,
  );
  // Lone surrogates and invisibles as escapes, so the line can be copied as is.
  return json.replace(
    /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
