/** A thread's Atom feed and live stream under the server's base URL (ending in `/`): `ThreadInfo.feed`, `.stream`. */
export function threadLinks(baseUrl: string, thread: string): { feed: string; stream: string } {
  const query = `?thread=${encodeURIComponent(thread)}`;
  return { feed: `${baseUrl}api/v1/feed.atom${query}`, stream: `${baseUrl}api/v1/stream${query}` };
}
