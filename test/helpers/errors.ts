// What a call threw, for the tests of bad input: its catalogued errors, or a failure when it threw none.
import { BookletError, BookletErrors } from "../../src/errors/booklet-error.ts";

/** Every error the call threw (one BookletError, or each of a BookletErrors); anything else is rethrown. */
export function thrownErrors(fn: () => unknown): BookletError[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof BookletErrors) return e.errors;
    if (e instanceof BookletError) return [e];
    throw e;
  }
  throw new Error("expected an error");
}

/** The one BookletError the call threw; anything else, a BookletErrors included, is rethrown. */
export function thrownError(fn: () => unknown): BookletError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BookletError) return e;
    throw e;
  }
  throw new Error("expected an error");
}
