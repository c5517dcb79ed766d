/** A short, printable account of a fuzzing request, for failure messages: never its whole body. */
export function describe(request) {
  const body = request.body ? ` + ${request.body.length} bytes` : '';
  return `${request.what}: ${JSON.stringify(`${request.method} ${request.target}`.slice(0, 300))}${body}`;
}
