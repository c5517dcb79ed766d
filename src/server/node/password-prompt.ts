import type { Readable, Writable } from 'node:stream';

/** The terminal or pipe a password is read from, and where the prompt goes. */
export interface PromptStreams {
  input: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  output: Writable;
}

/** The reader cancelled (Ctrl-C or Ctrl-D at the prompt, or nothing came down the pipe). */
export class PromptCancelled extends Error {
  override name = 'PromptCancelled';
}

/**
 * Reads one line from a terminal without showing it: the prompt goes to `output`, every key stays unseen
 * (Backspace edits, Enter ends, Ctrl-C and Ctrl-D cancel).
 */
function readHidden({ input, output }: PromptStreams, prompt: string): Promise<string> {
  // Echo off before the prompt shows: keys typed the moment it appears must not reach the screen either.
  input.setRawMode?.(true);
  output.write(prompt);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return finish();
        if (character === '\u0003' || character === '\u0004') return finish(new PromptCancelled('cancelled'));
        if (character === '\u007f' || character === '\b') typed = [...typed].slice(0, -1).join('');
        else if (character >= ' ') typed += character;
      }
    };
    input.on('data', onData);
  });
}

/** Everything piped in, up to its first line end: `printf '%s\n' "$PASSWORD" | natter admin set-password`. */
async function readPiped(input: Readable): Promise<string> {
  let text = '';
  input.setEncoding('utf8');
  for await (const chunk of input) {
    text += chunk as string;
    if (/[\r\n]/.test(text) || text.length > 4096) break;
  }
  if (text === '') throw new PromptCancelled('nothing was piped in');
  return text.split(/\r?\n|\r/)[0] ?? '';
}

/**
 * A new password, never from an argument (where `ps` and shell history would keep it): typed twice at a terminal
 * without echo, or read from the first line of a pipe.
 */
export async function readNewPassword(
  streams: PromptStreams,
): Promise<{ password: string; isConfirmed: boolean }> {
  if (!streams.input.isTTY) return { password: await readPiped(streams.input), isConfirmed: true };
  const password = await readHidden(streams, 'New admin password: ');
  const again = await readHidden(streams, 'The same again: ');
  return { password, isConfirmed: password === again };
}
