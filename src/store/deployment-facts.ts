// What `npm run doctor` reads from the database to say whether a deployment hangs together: the
// migrations not yet run, the areas with a registered triage channel, the referrals still waiting
// for one, and when /readyz last proved a write. Counts and area ids only: never a referral's
// contents, so nothing about a child reaches the doctor's output.
import { Migrator, sql } from "kysely";
import type { Database } from "./create-database.ts";
import { migrations } from "./migrations.ts";

export type DeploymentFacts = {
  /** Migrations this code has that the database has not run, in order. */
  pendingMigrations(): Promise<readonly string[]>;
  /** Area ids with a registered triage channel. */
  areasWithChannel(): Promise<ReadonlySet<string>>;
  /** Per area id, how many referrals no triage channel has received yet (none posted). */
  referralsNotPosted(): Promise<ReadonlyMap<string, number>>;
  /** When /readyz last wrote its heartbeat (src/store/readiness.ts); undefined when it never has. */
  newestHeartbeat(): Promise<Date | undefined>;
};

export function createDeploymentFacts(database: Database): DeploymentFacts {
  const { db } = database;
  return {
    async pendingMigrations() {
      // Kysely keeps its bookkeeping in the current schema on PostgreSQL (create-database.ts).
      const schema = database.dialect === "postgres" ? (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? undefined : undefined;
      const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) }, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
      const known = await migrator.getMigrations();
      return known.filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
    },

    async areasWithChannel() {
      const rows = await db.selectFrom("triage_channels").select("area_id").execute();
      return new Set(rows.map((row) => row.area_id));
    },

    async referralsNotPosted() {
      const rows = await db
        .selectFrom("referrals")
        .select(["area_id", (eb) => eb.fn.countAll<number>().as("count")])
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom("referral_posts").select("referral_id").whereRef("referral_posts.referral_id", "=", "referrals.id"))))
        .groupBy("area_id")
        .execute();
      return new Map(rows.map((row) => [row.area_id, Number(row.count)]));
    },

    async newestHeartbeat() {
      const row = await db.selectFrom("readiness_heartbeat").select("at").where("id", "=", 1).executeTakeFirst();
      return row === undefined ? undefined : new Date(Number(row.at));
    },
  };
}
