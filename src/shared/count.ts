// A number with its noun, singular or plural as the number asks: "1 chapter", "6 chapters", "0 pages".
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
