/** A trivial emulator for testing the harness and the HTTP client: answers what it received. */
import { createHash } from 'node:crypto';
import type { Emulator } from '../sandbox/types.js';
import { contentTypeOf, parseMultipart } from '../sandbox/multipart.js';

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
        ? parseMultipart(req.body, type).map((p) => ({
            name: p.name,
            filename: p.filename ?? null,
            md5: createHash('md5').update(p.data).digest('hex'),
            text: p.filename === undefined ? p.data.toString('utf8') : null,
          }))
        : [];
      return {
        body: {
          method: req.method,
          path: req.path,
          query: Object.fromEntries(req.query),
          length: req.body.length,
          contentLength: req.headers['content-length'] ?? null,
          chunked: req.headers['transfer-encoding'] ?? null,
          parts,
        },
      };
    },
  };
  return emulator;
}
