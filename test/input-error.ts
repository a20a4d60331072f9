import { InputError } from '../constructs/errors';

/** The InputError message thrown by `fn`; fails the test when `fn` throws nothing or something else. */
export function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (e: unknown) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
}
