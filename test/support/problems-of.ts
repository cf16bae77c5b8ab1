// Runs a loader that should refuse its input, and returns the problems it listed.
export function problemsOf<E extends Error & { problems: readonly string[] }>(load: () => unknown, errorType: new (...args: never[]) => E): readonly string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof errorType) return error.problems;
    throw error;
  }
  throw new Error("expected the input to be refused");
}
