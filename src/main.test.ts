import { describe, expect, it } from 'vitest';
import { redactor } from './http/redact.js';
import { installRedaction } from './main.js';

describe('installRedaction', () => {
  it('redacts every string or buffer written to the stream, whoever writes it', () => {
    const written: unknown[] = [];
    const stream = { write: (chunk: unknown) => written.push(chunk) === 0 } as unknown as NodeJS.WriteStream;
    installRedaction([stream]);
    installRedaction([stream]); // idempotent: not wrapped twice
    redactor.add('hook-test-secret-91f3');
    stream.write('token hook-test-secret-91f3\n');
    stream.write(Buffer.from('buffer hook-test-secret-91f3'));
    expect(written).toEqual(['token ***\n', 'buffer ***']);
  });
});
