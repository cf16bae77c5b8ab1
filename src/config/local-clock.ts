// LOCAL_CLOCK (load-config.ts): for trying the product in the playground at another moment (03:00
// on a Sunday, Christmas Day), a clock that starts there and then runs at the real pace.

/** A clock reading `start` now and moving on with the real one. */
export function clockFrom(start: Date, realNow: () => number = Date.now): () => Date {
  const offset = start.getTime() - realNow();
  return () => new Date(realNow() + offset);
}
