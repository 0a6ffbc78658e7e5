/** What came of downloading a file a person sent. */
export type DownloadResult =
  | { readonly kind: 'ok'; readonly bytes: Uint8Array; readonly contentType: string | undefined }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Downloads `url` (a file or picture a person sent on Zalo), reading at most `maxBytes`: a larger
 * file is abandoned as soon as it shows, whatever its announced length. Never throws.
 */
export async function downloadZaloFile(
  url: string,
  options: { maxBytes: number; fetch?: typeof fetch; timeoutMs?: number },
): Promise<DownloadResult> {
  const doFetch = options.fetch ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('download timed out')), options.timeoutMs ?? 60_000);
  try {
    if (!/^https?:\/\//i.test(url)) return { kind: 'failed', error: new Error('not an http(s) URL') };
    const response = await doFetch(url, { signal: controller.signal, redirect: 'follow' });
    if (!response.ok || !response.body) return { kind: 'failed', error: new Error(`HTTP ${response.status}`) };
    const announced = Number(response.headers.get('content-length'));
    if (Number.isFinite(announced) && announced > options.maxBytes) {
      controller.abort();
      return { kind: 'too-large' };
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        controller.abort();
        return { kind: 'too-large' };
      }
      chunks.push(value);
    }
    return { kind: 'ok', bytes: Buffer.concat(chunks), contentType: response.headers.get('content-type') ?? undefined };
  } catch (error) {
    return { kind: 'failed', error };
  } finally {
    clearTimeout(timer);
  }
}
