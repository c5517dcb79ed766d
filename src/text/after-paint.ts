/**
 * Resolves once the browser has painted what the DOM holds now: after the next frame, in a task of its own (a
 * message, which no timer throttling or clamping delays). What the widget fetches only after this (the form,
 * linkifyjs, the policy's sanitizer) never delays the first comment.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
}
