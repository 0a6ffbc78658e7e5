import type { MultipartFile } from '@fastify/multipart';

/** A file from a multipart form (`attachFieldsToBody`). */
export interface Upload {
  /** As the browser sent it, without any folder part: it is shown to the office and audited. */
  readonly fileName: string;
  readonly bytes: Buffer;
}

/** The file of a multipart form's field, or null when none was chosen. */
export async function uploadedFile(body: unknown, name: string): Promise<Upload | null> {
  if (typeof body !== 'object' || body === null) return null;
  const field: unknown = Reflect.get(body, name);
  if (!isMultipartFile(field)) return null;
  // Old browsers send the whole local path (`C:\Users\...\ke-hoach.docx`).
  const fileName = (field.filename.split(/[\\/]/).pop() ?? '').trim().slice(0, 200);
  // A form sent without choosing a file still has the part, with an empty name.
  if (fileName === '') return null;
  return { fileName, bytes: await field.toBuffer() };
}

/** An upload refused while the body was read (too large, too many files or fields), before any handler ran. */
export function isUploadLimitError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT';
}

function isMultipartFile(value: unknown): value is MultipartFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    value.type === 'file' &&
    'filename' in value &&
    typeof value.filename === 'string' &&
    'toBuffer' in value &&
    typeof value.toBuffer === 'function'
  );
}
