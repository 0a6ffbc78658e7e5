import { downloadZaloFile } from '../../../../src/channels/zalo/download-zalo-file';

function streamOf(chunks: number, chunkBytes: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(chunkBytes).fill(7));
    },
  });
  const fetchImpl: typeof fetch = async () => new Response(body, { headers });
  return { fetch: fetchImpl, pulled: () => pulled };
}

describe('downloadZaloFile', () => {
  it('returns the bytes and content type of a file within the limit', async () => {
    const s = streamOf(3, 1000, { 'content-type': 'application/pdf' });
    const result = await downloadZaloFile('https://f.test/a.pdf', { maxBytes: 3000, fetch: s.fetch });
    expect(result).toMatchObject({ kind: 'ok', contentType: 'application/pdf' });
    expect(result.kind === 'ok' && result.bytes.byteLength).toBe(3000);
  });

  it('stops reading as soon as a file without a length goes over the limit', async () => {
    const s = streamOf(100, 1000);
    await expect(downloadZaloFile('https://f.test/a.pdf', { maxBytes: 2500, fetch: s.fetch })).resolves.toEqual({ kind: 'too-large' });
    expect(s.pulled()).toBeLessThan(10);
  });

  it('refuses at once a file whose announced length is over the limit', async () => {
    const s = streamOf(100, 1000, { 'content-length': '100000' });
    await expect(downloadZaloFile('https://f.test/a.pdf', { maxBytes: 2500, fetch: s.fetch })).resolves.toEqual({ kind: 'too-large' });
  });

  it('reports a failed download without throwing', async () => {
    const notFound: typeof fetch = async () => new Response('no', { status: 404 });
    await expect(downloadZaloFile('https://f.test/a.pdf', { maxBytes: 10, fetch: notFound })).resolves.toMatchObject({ kind: 'failed' });
    await expect(downloadZaloFile('file:///etc/passwd', { maxBytes: 10, fetch: notFound })).resolves.toMatchObject({ kind: 'failed' });
  });
});
