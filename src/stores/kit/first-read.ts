/**
 * One read of the app per publish. publishAll knows the release's package, so verify() proves the
 * credentials with a signed read of that package (instead of the probe package no account has:
 * the store checks the signature before it looks the package up, so "no such app" proves them just
 * as well) and keeps the answer; plan() then takes it instead of asking again.
 *
 * Taken once: every later read of the same package goes to the store, so a re-read that must see
 * the store's state now (submitOnce's confirm(), a re-check right before a submit) never gets it.
 */
export interface FirstRead<T> {
  /** Reads `pkg` now and keeps the answer (its value, or the error it rejects with) for one take(pkg). */
  read(pkg: string): Promise<T>;
  /** The answer read() kept for `pkg`, handed out once; otherwise a fresh read. */
  take(pkg: string): Promise<T>;
}

export function firstRead<T>(read: (pkg: string) => Promise<T>): FirstRead<T> {
  let kept: { pkg: string; answer: Promise<T> } | null = null;
  return {
    read(pkg) {
      const answer = read(pkg);
      // verify() awaits it now and plan() maybe later; a kept error is no unhandled rejection meanwhile.
      answer.catch(() => {});
      kept = { pkg, answer };
      return answer;
    },
    take(pkg) {
      if (kept?.pkg !== pkg) return read(pkg);
      const { answer } = kept;
      kept = null;
      return answer;
    },
  };
}
