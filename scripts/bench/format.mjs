// How the bench writes its figures: numbers grouped by thousands, a range over repeats as "low–high", tables as
// Markdown (readable in a terminal and pasted as they are into docs/benchmarks.md).

/** `value` with `digits` decimals and thousands separated by commas. */
export function number(value, digits = 0) {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The lowest and highest of `values` as "low–high", or one number when they are equal at that precision. */
export function range(values, digits = 0) {
  const low = number(Math.min(...values), digits);
  const high = number(Math.max(...values), digits);
  return low === high ? low : `${low}–${high}`;
}

/** A Markdown table of `rows` (arrays of cells) under `header`. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
