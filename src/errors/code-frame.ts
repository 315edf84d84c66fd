// A few lines of the file around an error, with the line marked and a caret under the column.
export function codeFrame(text: string, line: number, column?: number, context = 2): string {
  const lines = text.split(/\r?\n/);
  if (line < 1 || line > lines.length) return "";
  const start = Math.max(1, line - context);
  const end = Math.min(lines.length, line + context);
  const width = String(end).length;
  const out: string[] = [];
  for (let n = start; n <= end; n++) {
    const mark = n === line ? ">" : " ";
    out.push(`${mark} ${String(n).padStart(width)} | ${lines[n - 1]}`);
    if (n === line && column && column > 0) {
      out.push(`  ${" ".repeat(width)} | ${" ".repeat(column - 1)}^`);
    }
  }
  return out.join("\n");
}
