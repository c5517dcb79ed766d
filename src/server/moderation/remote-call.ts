/** A service's answer, read whole. */
export interface RemoteAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** Why a remote check gave no usable answer, in words for the log (never a key, a secret or a URL). */
export class RemoteCallError extends Error {
  override name = 'RemoteCallError';
}

/** More than any answer of a spam service or a moderation hook: a larger one is not one of theirs. */
const maxAnswerBytes = 64 * 1024;

/**
 * POSTs `body` to `url` and reads the answer, all within `timeoutMs`: connecting, waiting and reading the body
 * share one deadline, so a slow service never holds a comment longer. Redirects are refused (a signed or keyed
 * body goes to the address configured, nowhere else), and so is an answer over 64 KiB. Throws
 * `RemoteCallError` on any failure.
 */
export async function postWithin(
  url: string,
  init: { headers: Record<string, string>; body: string },
  timeoutMs: number,
): Promise<RemoteAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { method: 'POST', ...init, redirect: 'error', signal });
    return { status: response.status, headers: response.headers, text: await readText(response) };
  } catch (error) {
    if (error instanceof RemoteCallError) throw error;
    if (signal.aborted) throw new RemoteCallError(`no answer within ${timeoutMs} ms`);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new RemoteCallError(`request failed${cause ? ` (${cause})` : ''}`);
  }
}

/** A response's body as UTF-8 text, refusing one larger than `maxAnswerBytes`. */
async function readText(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxAnswerBytes) {
      await reader.cancel().catch(() => {});
      throw new RemoteCallError(`answer larger than ${maxAnswerBytes} bytes`);
    }
    chunks.push(read.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
