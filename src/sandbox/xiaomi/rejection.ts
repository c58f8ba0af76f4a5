/** A refusal in Xiaomi's own envelope: `{result: <non-zero>, message}` (stores/xiaomi.md 1.4, 1.7). */
export class XiaomiRejection extends Error {
  constructor(
    readonly result: number,
    message: string,
    /** HTTP status; the store answers its own errors with 200 and a non-zero `result`. */
    readonly status = 200,
  ) {
    super(message);
    this.name = 'XiaomiRejection';
  }
}
