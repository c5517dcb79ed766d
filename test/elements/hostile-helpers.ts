import type { Comment } from '../../src/protocol/types.js';
import { corpora, corpusPayloads } from '../fixtures/security/read.js';
import { aComment, realFetch } from './helpers.js';

// What the suites that show hostile input share (the widget's DOM, and the server's HTML against it): the threads
// they make of payloads, the sample of the public corpora, and the dialogs that would give a payload away.

/** Every how-manieth payload of each corpus the sample takes (the first always): about 400 in all. */
export const sampleStep = 25;

/** Every {@link sampleStep}th payload of each public XSS corpus of test/fixtures/security/. */
export async function corpusSample(): Promise<string[]> {
  const payloads = await Promise.all(corpora.map((file) => corpusPayloads(file, realFetch)));
  return payloads.flatMap((each) => each.filter((_, index) => index % sampleStep === 0));
}

/** A thread in which each payload is a comment's text, its author's name and its author's URL at once. */
export function threadOf(payloads: string[]): Comment[] {
  return payloads.map((payload, index) =>
    aComment({ id: `h${index}`, author: { name: payload, url: payload }, text: payload }),
  );
}

/** The calls to the page's dialogs since {@link trapDialogs}, and how to put the real ones back. */
export interface DialogTrap {
  calls: string[];
  restore(): void;
}

/** Records the calls to `alert`, `confirm` and `prompt`, which XSS payloads use to prove themselves. */
export function trapDialogs(): DialogTrap {
  const originals = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
  const calls: string[] = [];
  window.alert = (message?: unknown) => void calls.push(`alert(${String(message)})`);
  window.confirm = (message?: unknown) => (calls.push(`confirm(${String(message)})`), false);
  window.prompt = (message?: unknown) => (calls.push(`prompt(${String(message)})`), null);
  return { calls, restore: () => Object.assign(window, originals) };
}
