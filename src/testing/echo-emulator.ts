/** A trivial emulator for testing the harness and the HTTP client: answers what it received. */
import type { Emulator } from '../sandbox/types.js';
import { contentTypeOf, multipartParts } from '../sandbox/multipart.js';

export function createEchoEmulator(): Emulator & { calls: number } {
  const emulator = {
    id: 'echo',
    calls: 0,
    secretParams: ['token'],
    config: (baseUrl: string) => ({ baseUrl }),
    handle(req: Parameters<Emulator['handle']>[0]) {
      emulator.calls++;
      const type = contentTypeOf(req.headers);
      const parts = type.startsWith('multipart/')
        ? multipartParts(req).map((p) => ({
            name: p.name,
            filename: p.filename ?? null,
            md5: p.md5,
            text: p.filename === undefined ? (p.data?.toString('utf8') ?? '') : null,
          }))
        : [];
      return {
        body: {
          method: req.method,
          path: req.path,
          query: Object.fromEntries(req.query),
          length: req.size,
          upload: req.upload ? { md5: req.upload.md5, sha256: req.upload.sha256 } : null,
          contentLength: req.headers['content-length'] ?? null,
          chunked: req.headers['transfer-encoding'] ?? null,
          parts,
        },
      };
    },
  };
  return emulator;
}
