// Vitest global setup: PostgreSQL test schemas are dropped once, when the whole run ends, not after
// each test. Kysely's migrator lists the tables of every schema and then looks each one up; a
// schema dropped by a test finishing in another worker between the two made a migration elsewhere
// fail with "schema … does not exist" (seen about one run in three). Each run names its schemas
// with its own id, so it drops only its own.
import { randomUUID } from "node:crypto";
import pg from "pg";

export const RUN_ID_VARIABLE = "TEST_SCHEMA_RUN";

export async function setup(): Promise<void> {
  process.env[RUN_ID_VARIABLE] ??= randomUUID().replaceAll("-", "").slice(0, 12);
}

export async function teardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  const run = process.env[RUN_ID_VARIABLE];
  if (!url || run === undefined) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("select nspname as name from pg_namespace where nspname like $1", [`test\\_${run}\\_%`]);
    for (const { name } of rows) await client.query(`drop schema if exists "${name}" cascade`);
  } finally {
    await client.end();
  }
}
