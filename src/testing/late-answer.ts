/**
 * "An answer after the timeout", in process: a dispatcher that waits only `timeoutMs` for the
 * answer's headers of the requests `matches` picks (the adapters' own submit timeouts are minutes
 * long). With a sandbox `delay` fault longer than that on the same request, the store acts on it
 * and answers after the CLI has stopped waiting (undici UND_ERR_HEADERS_TIMEOUT).
 */
import { Agent, type Dispatcher } from 'undici';

export function shortAnswerTimeout(
  matches: (request: Dispatcher.DispatchOptions) => boolean,
  timeoutMs: number,
): Dispatcher {
  return new Agent({ connect: { timeout: 5_000 } }).compose(
    (dispatch) => (request, handler) =>
      dispatch(matches(request) ? { ...request, headersTimeout: timeoutMs } : request, handler),
  );
}

/** The request body as text when it is a string or a Buffer (form-encoded store calls), else ''. */
export function bodyText(request: Dispatcher.DispatchOptions): string {
  const { body } = request;
  if (typeof body === 'string') return body;
  return Buffer.isBuffer(body) ? body.toString('utf8') : '';
}
