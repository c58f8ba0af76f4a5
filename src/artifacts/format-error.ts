/**
 * A structure inside the file (binary XML, resource table, DER, signing block) is not what its
 * format says it must be. Parsers throw it; apk.ts / ipa.ts turn it into a one-line InputError.
 */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

/** Both our own checks and Buffer's out-of-range reads mean "the bytes are malformed". */
export function isFormatProblem(error: unknown): error is Error {
  return error instanceof FormatError || error instanceof RangeError;
}
