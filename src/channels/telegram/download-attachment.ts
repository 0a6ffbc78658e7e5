import { acceptedFileType, acceptedFileTypesText } from '../../core/files/accepted-file-types';
import type { InboundAttachment } from '../../core/messages';
import { storeFile } from '../../lib/file-store';
import { ChannelError } from '../channel-error';
import type { TelegramAdapter } from './telegram-adapter';
import type { TelegramFileRef } from './to-inbound';

/** A file kept under DATA_DIR, or the reason, in words for the sender, why it was not. */
export type AttachmentOutcome =
  | { readonly kind: 'stored'; readonly attachment: InboundAttachment }
  | { readonly kind: 'refused'; readonly text: string };

export interface DownloadAttachmentDeps {
  readonly adapter: Pick<TelegramAdapter, 'getFile' | 'fileUrl'>;
  /** The service's limit for one attachment (ATTACHMENT_MAX_MB), in bytes. */
  readonly maxBytes: number;
  readonly dataDir: string;
  readonly now: () => Date;
  /** @defaultValue the global `fetch` */
  readonly fetch?: typeof fetch;
  /** @defaultValue 120_000 */
  readonly timeoutMs?: number;
}

/** A bot may download files up to 20 MB through the Bot API, whatever our own limit. */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/**
 * Fetches a file a person sent (getFile, then the file URL) and stores it with its name, type,
 * size and SHA-256. Refused, with a Vietnamese reason, when its type is not one a report takes or
 * it is over the limit: the size Telegram reports is checked before anything is downloaded, and
 * the download stops as soon as it passes the limit. Throws a retryable `ChannelError` when
 * Telegram cannot be reached, so the update is delivered again later.
 */
export async function downloadAttachment(file: TelegramFileRef, deps: DownloadAttachmentDeps): Promise<AttachmentOutcome> {
  const name = shortName(file.fileName);
  const mimeType = file.kind === 'other' ? null : acceptedFileType(file.fileName, file.mimeType);
  if (!mimeType) {
    return { kind: 'refused', text: `Tệp “${name}” không được nhận: Hiệp hội chỉ nhận tệp ${acceptedFileTypesText}.` };
  }
  const limit = Math.min(deps.maxBytes, TELEGRAM_DOWNLOAD_LIMIT);
  const tooLarge = (size: number | undefined): AttachmentOutcome => ({ kind: 'refused', text: tooLargeText(name, size, limit) });
  if (file.sizeBytes !== undefined && file.sizeBytes > limit) return tooLarge(file.sizeBytes);

  let info: { filePath?: string; sizeBytes?: number };
  try {
    info = await deps.adapter.getFile(file.fileId);
  } catch (error) {
    if (error instanceof ChannelError && !error.retryable) {
      // "file is too big" is how the Bot API refuses anything over 20 MB.
      if (/too big/i.test(error.message)) return tooLarge(file.sizeBytes);
      return { kind: 'refused', text: `Không tải được tệp “${name}”. Anh/Chị gửi lại tệp giúp.` };
    }
    throw error;
  }
  if (info.sizeBytes !== undefined && info.sizeBytes > limit) return tooLarge(info.sizeBytes);
  if (!info.filePath) return tooLarge(info.sizeBytes ?? file.sizeBytes);

  const bytes = await fetchLimited(deps.adapter.fileUrl(info.filePath), limit, deps);
  if (!bytes) return tooLarge(undefined);
  const attachment = await storeFile(deps.dataDir, bytes, {
    fileName: file.fileName,
    mimeType,
    kind: mimeType.startsWith('image/') ? 'image' : 'document',
    now: deps.now(),
  });
  return { kind: 'stored', attachment };
}

/** The file's bytes, or null once more than `limit` have come. The URL holds the token: never in an error. */
async function fetchLimited(url: string, limit: number, deps: DownloadAttachmentDeps): Promise<Uint8Array | null> {
  const doFetch = deps.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { signal: AbortSignal.timeout(deps.timeoutMs ?? 120_000) });
  } catch (error) {
    throw new ChannelError('telegram', 'CHANNEL_UNAVAILABLE', 'Không tải được tệp từ Telegram.', { cause: withoutUrl(error) });
  }
  if (!response.ok || !response.body) {
    throw new ChannelError('telegram', 'CHANNEL_UNAVAILABLE', `Telegram trả lời ${response.status} khi tải tệp.`);
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await response.body.cancel();
    return null;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  } catch (error) {
    throw new ChannelError('telegram', 'CHANNEL_UNAVAILABLE', 'Tải tệp từ Telegram bị gián đoạn.', { cause: withoutUrl(error) });
  }
  return Buffer.concat(chunks, total);
}

/** Fetch errors may quote the URL, which holds the bot token: only the kind is kept. */
function withoutUrl(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}

function tooLargeText(name: string, size: number | undefined, limit: number): string {
  const weight = size === undefined ? '' : ` nặng ${megabytes(size)} MB,`;
  return (
    `Tệp “${name}”${weight} vượt quá giới hạn ${megabytes(limit)} MB cho một tệp đính kèm nên chưa được nhận. ` +
    'Anh/Chị vui lòng gửi tệp nhỏ hơn (ví dụ nén lại, hoặc chia thành nhiều tệp).'
  );
}

/** 25.3 MB written the Vietnamese way: "25,3". */
function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1).replace('.', ',');
}

function shortName(fileName: string): string {
  return fileName.length > 60 ? `${fileName.slice(0, 57)}…` : fileName;
}
