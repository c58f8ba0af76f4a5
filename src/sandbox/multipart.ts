/**
 * A small multipart/form-data and form-urlencoded reader for the emulators. The emulators keep
 * their own parser (not the adapters' encoder) so that an encoding mistake shows up as a store error.
 */

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function contentTypeOf(headers: Record<string, string | string[] | undefined>): string {
  const value = headers['content-type'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Parses a multipart/form-data body; throws when the body or boundary is malformed. */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const match = /^multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(contentType);
  if (!match) throw new Error(`not multipart/form-data: ${contentType || '(no content-type)'}`);
  const boundary = Buffer.from(`--${match[2]}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(boundary);
  if (pos !== 0) throw new Error('multipart body does not start with the boundary');
  while (true) {
    pos += boundary.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') throw new Error('malformed multipart boundary line');
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('malformed multipart part headers');
    const headerText = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), boundary]), headerEnd + 4);
    if (next < 0) throw new Error('multipart body is truncated');
    const headers = Object.fromEntries(
      headerText.split('\r\n').map((line) => {
        const i = line.indexOf(':');
        return [line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()];
      }),
    );
    const disposition = headers['content-disposition'] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) throw new Error('multipart part without a name');
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    parts.push({ name, filename, contentType: headers['content-type'], data: body.subarray(headerEnd + 4, next) });
    pos = next + 2;
  }
}

/** The text fields of a form body, urlencoded or multipart (file parts are left out). */
export function formFields(body: Buffer, contentType: string): Record<string, string> {
  if (/^multipart\/form-data/i.test(contentType)) {
    const fields: Record<string, string> = {};
    for (const part of parseMultipart(body, contentType)) {
      if (part.filename === undefined) fields[part.name] = part.data.toString('utf8');
    }
    return fields;
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  return {};
}
