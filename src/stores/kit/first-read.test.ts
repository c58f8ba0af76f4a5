import { describe, expect, it } from 'vitest';
import { firstRead } from './first-read.js';

describe('firstRead', () => {
  it('hands the kept answer to one take of the same package, then reads again', async () => {
    const reads: string[] = [];
    const app = firstRead(async (pkg: string) => {
      reads.push(pkg);
      return `${pkg}#${reads.length}`;
    });
    expect(await app.read('com.foo')).toBe('com.foo#1');
    expect(await app.take('com.foo')).toBe('com.foo#1');
    expect(await app.take('com.foo')).toBe('com.foo#2');
    expect(reads).toEqual(['com.foo', 'com.foo']);
  });

  it('reads afresh for another package, and keeps only the last read', async () => {
    const reads: string[] = [];
    const app = firstRead(async (pkg: string) => {
      reads.push(pkg);
      return pkg;
    });
    await app.read('dev.probe');
    await app.read('com.foo');
    expect(await app.take('com.bar')).toBe('com.bar');
    expect(await app.take('com.foo')).toBe('com.foo');
    expect(await app.take('dev.probe')).toBe('dev.probe');
    expect(reads).toEqual(['dev.probe', 'com.foo', 'com.bar', 'dev.probe']);
  });

  it('keeps an error too: the take rejects with the very error the read gave', async () => {
    let n = 0;
    const app = firstRead(async (pkg: string) => {
      n += 1;
      throw new Error(`no app ${pkg} (${n})`);
    });
    const first = await app.read('com.foo').catch((e: unknown) => e);
    const taken = await app.take('com.foo').catch((e: unknown) => e);
    expect(taken).toBe(first);
    await expect(app.take('com.foo')).rejects.toThrow('no app com.foo (2)');
  });
});
