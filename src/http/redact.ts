/**
 * One redaction step for every line that leaves the process. Secrets are registered as they are
 * resolved (config secrets) or created (tokens, signatures, pre-signed URLs); on top of that,
 * the values of well-known credential parameters are masked wherever they appear in a URL or form.
 */

const MASK = '***';
/** Shorter values would mask ordinary words; every real credential is longer. */
const MIN_SECRET_LENGTH = 6;

/** Query/form parameters that carry credentials in the stores' protocols (stores/*.md). */
const SENSITIVE_PARAMS = [
  'access_token',
  'api_sign',
  'client_secret',
  'sign',
  'SIG',
  'access_key',
  'password',
  'token',
  'signature',
  'X-Amz-Signature',
  'q-signature',
  'Signature',
];
const paramPattern = new RegExp(`([?&;]|\\b)(${SENSITIVE_PARAMS.join('|')})=([^&\\s"']+)`, 'g');
const bearerPattern = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/g;

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;

  add(value: string | undefined | null): void {
    if (!value || value.length < MIN_SECRET_LENGTH) return;
    const forms = [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
    // A PEM key is also printed line by line (e.g. in a parse error); mask each long line.
    for (const line of value.split(/\r?\n/)) if (line.length >= 16) forms.push(line.trim());
    for (const form of forms) this.secrets.add(form);
    this.pattern = null;
  }

  redact(text: string): string {
    let out = text;
    if (this.secrets.size > 0) {
      this.pattern ??= new RegExp(
        [...this.secrets]
          .sort((a, b) => b.length - a.length)
          .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|'),
        'g',
      );
      out = out.replace(this.pattern, MASK);
    }
    return out.replace(paramPattern, `$1$2=${MASK}`).replace(bearerPattern, `$1 ${MASK}`);
  }
}

/** The process-wide redactor: src/main.ts routes stdout and stderr through it. */
export const redactor = new Redactor();
