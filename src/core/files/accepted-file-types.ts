/**
 * What a report may carry: documents and pictures an office opens without thinking twice.
 * Executables and archives are refused; they are how viruses travel.
 */
const accepted: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
  // Office staff send the year's plan as plain text too (/kehoachmoi).
  'text/plain': 'txt',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

const byExtension = new Map(Object.entries(accepted).map(([mime, ext]) => [ext, mime]));
byExtension.set('jpeg', 'image/jpeg');

/**
 * The MIME type to store for a file, trusting the name's extension over what the sender
 * claimed (phones send "application/octet-stream" for everything); null when not accepted.
 */
export function acceptedFileType(fileName: string, claimedMime: string | undefined): string | null {
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1]?.toLowerCase();
  const fromName = extension ? byExtension.get(extension) : undefined;
  if (fromName) return fromName;
  const claimed = (claimedMime ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return Object.hasOwn(accepted, claimed) ? claimed : null;
}

// What members are told; plain text is left out, since only office staff have a use for it.
export const acceptedFileTypesText = 'PDF, Word, Excel, CSV hoặc ảnh (JPG, PNG)';
