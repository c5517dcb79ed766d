/**
 * What is wrong with a command line, from the error `parseArgs` (node:util) threw: `unknown option --x` for a flag
 * the command does not take, else Node's own words (a value missing, a value given to a switch, an argument more).
 */
export function commandLineProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]*)/.exec(message)?.[1];
  const isUnknown = (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  return isUnknown && flag ? `unknown option ${flag}` : message;
}
