// A query Kysely builds and compiles once and runs with new values each time. Building and
// compiling a small query cost Kysely about as long as SQLite took to run it (issue 12's profile),
// and a guided check runs the same two (read the session, write it back) on every press.
import type { CompiledQuery, Compilable } from "kysely";

/** Stands for a parameter while the query is compiled; never sent to the database. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * `build` makes the query with `slot(name)` wherever a value goes; the result, given the values by
 * name, is the compiled query with them in their places. Every slot must be used, and only slots
 * may be parameters: a constant value in the query would be compiled in for good, so it is refused.
 */
export function compiledOnce<Values extends Record<string, unknown>>(build: (slot: <K extends keyof Values & string>(name: K) => Values[K]) => Compilable<unknown>): <Row>(values: Values) => CompiledQuery<Row> {
  const slots = new Map<string, Slot>();
  const compiled = build(((name: string) => {
    const slot = new Slot(name);
    slots.set(name, slot);
    return slot;
  }) as never).compile();
  const order = compiled.parameters.map((parameter, index) => {
    if (!(parameter instanceof Slot)) throw new Error(`compiledOnce: parameter ${index + 1} of "${compiled.sql}" is a constant; give it a slot`);
    return parameter.name;
  });
  const unused = [...slots.keys()].filter((name) => !order.includes(name));
  if (unused.length > 0) throw new Error(`compiledOnce: "${compiled.sql}" does not use the slot(s) ${unused.join(", ")}`);
  return <Row>(values: Values) => ({ ...compiled, parameters: order.map((name) => values[name]) }) as CompiledQuery<Row>;
}
