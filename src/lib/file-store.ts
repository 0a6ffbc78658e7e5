import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InboundAttachment } from '../core/messages';

/**
 * Keeps a member's file under DATA_DIR/attachments/<yyyy>/<mm>/, named by its SHA-256 so a
 * file sent twice is stored once and no name a person chose ever becomes a path.
 */
export async function storeFile(
  dataDir: string,
  bytes: Uint8Array,
  meta: { fileName: string; mimeType: string; kind: InboundAttachment['kind']; now: Date },
): Promise<InboundAttachment> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const month = `${meta.now.getUTCFullYear()}/${String(meta.now.getUTCMonth() + 1).padStart(2, '0')}`;
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(meta.fileName)?.[1]?.toLowerCase() ?? 'bin';
  const storagePath = path.posix.join('attachments', month, `${sha256}.${extension}`);
  const absolute = path.join(dataDir, storagePath);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, bytes);
  return {
    kind: meta.kind,
    fileName: safeFileName(meta.fileName),
    mimeType: meta.mimeType,
    sizeBytes: bytes.byteLength,
    sha256,
    storagePath,
  };
}

/** A display name with no path, no control characters, at most 120 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001F\u007F]/g, '').normalize('NFC').trim();
  return (cleaned || 'tep-dinh-kem').slice(-120);
}
