/**
 * OPPO returns some review texts PHP-serialized, e.g. refuse_reason
 * `a:1:{i:0;s:24:"资源下架理由外部";}` (seed 002). This reads the string values out of such a
 * value (s:<byte length>:"..." inside arrays), and leaves any other text as it is.
 */

/** The readable text of a possibly PHP-serialized value; several strings are joined with "; ". */
export function phpText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (!/^(a|s):\d+:/.test(trimmed)) return trimmed;
  const strings = serializedStrings(Buffer.from(trimmed, 'utf8'));
  if (strings === null) return trimmed;
  const texts = strings.map((s) => s.trim()).filter((s) => s !== '');
  return texts.length > 0 ? texts.join('; ') : null;
}

/**
 * The string VALUES of a serialized scalar or array (array keys are skipped), or null when the
 * text is not well-formed. Lengths are in bytes, so the text is walked as UTF-8 bytes.
 */
function serializedStrings(bytes: Buffer): string[] | null {
  const out: string[] = [];
  let pos = 0;

  const readUntil = (stop: string): string | null => {
    const end = bytes.indexOf(stop, pos, 'utf8');
    if (end < 0) return null;
    const text = bytes.toString('utf8', pos, end);
    pos = end + 1;
    return text;
  };

  /** Reads one value at `pos`; pushes strings when `keep`. Returns false when malformed. */
  const value = (keep: boolean): boolean => {
    const type = String.fromCharCode(bytes[pos] ?? 0);
    if (bytes[pos + 1] !== 0x3a /* : */ && type !== 'N') return false;
    if (type === 'N') {
      if (bytes[pos + 1] !== 0x3b /* ; */) return false;
      pos += 2;
      return true;
    }
    pos += 2;
    if (type === 'i' || type === 'd' || type === 'b') return readUntil(';') !== null;
    if (type === 's') {
      const length = Number(readUntil(':'));
      if (!Number.isInteger(length) || bytes[pos] !== 0x22 /* " */) return false;
      const start = pos + 1;
      if (bytes[start + length] !== 0x22 || bytes[start + length + 1] !== 0x3b) return false;
      if (keep) out.push(bytes.toString('utf8', start, start + length));
      pos = start + length + 2;
      return true;
    }
    if (type === 'a') {
      const count = Number(readUntil(':'));
      if (!Number.isInteger(count) || bytes[pos] !== 0x7b /* { */) return false;
      pos += 1;
      for (let i = 0; i < count; i++) {
        if (!value(false) || !value(true)) return false;
      }
      if (bytes[pos] !== 0x7d /* } */) return false;
      pos += 1;
      return true;
    }
    return false;
  };

  if (!value(true) || pos !== bytes.length) return null;
  return out;
}
