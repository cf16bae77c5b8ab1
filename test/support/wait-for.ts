// Waiting without sleeps that guess (STYLE.md "Tests read as examples"): poll a condition, or race a
// promise, against a generous deadline that fails with a message saying what never happened.

/** Resolves once `check` is true; polls every 50 ms; rejects with `failure()` after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, failure: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `promise`, or a rejection with `failure()` if it has not settled within `timeoutMs`. */
export function withDeadline<T>(promise: Promise<T>, timeoutMs: number, failure: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(failure())), timeoutMs);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
