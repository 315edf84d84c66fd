// Every wait on the browser has a time limit, and its error names the stage and what was being done.
import { BookletError } from "../errors/index.ts";

export function withTimeout<T>(promise: Promise<T>, seconds: number, stage: string, doing: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BookletError("StageTimeout", `The ${stage} stage did not finish ${doing} within ${seconds} s.`)),
      seconds * 1000,
    );
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
