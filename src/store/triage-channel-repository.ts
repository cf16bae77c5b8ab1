// TriageChannelStore (src/services/referral-store.ts) on Kysely: each area's registered triage
// channel, and the channel cards posted for each referral.
import type { Kysely } from "kysely";
import type { TriageChannelStore } from "../services/referral-store.ts";
import { toEpochMs } from "./columns.ts";
import type { Tables } from "./tables.ts";

export function createTriageChannelRepository(db: Kysely<Tables>): TriageChannelStore {
  return {
    async register(areaId, channel, by, at) {
      const row = {
        area_id: areaId,
        service_url: channel.serviceUrl,
        tenant_id: channel.tenantId,
        team_id: channel.teamId,
        channel_id: channel.channelId,
        registered_by: by,
        registered_at: toEpochMs(at, "registration times"),
      };
      const { area_id: _key, ...update } = row;
      await db.insertInto("triage_channels").values(row).onConflict((conflict) => conflict.column("area_id").doUpdateSet(update)).execute();
    },

    async unregister(areaId) {
      const result = await db.deleteFrom("triage_channels").where("area_id", "=", areaId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async channelOf(areaId) {
      const row = await db.selectFrom("triage_channels").selectAll().where("area_id", "=", areaId).executeTakeFirst();
      return row === undefined ? undefined : { serviceUrl: row.service_url, tenantId: row.tenant_id, teamId: row.team_id, channelId: row.channel_id };
    },

    async recordPost(referralId, conversationId, activityId, areaId) {
      await db
        .insertInto("referral_posts")
        .values({ referral_id: referralId, conversation_id: conversationId, activity_id: activityId, area_id: areaId })
        .onConflict((conflict) => conflict.columns(["referral_id", "conversation_id", "activity_id"]).doNothing())
        .execute();
    },

    async postsOf(referralId) {
      const rows = await db.selectFrom("referral_posts").select(["conversation_id", "activity_id", "area_id"]).where("referral_id", "=", referralId).execute();
      return rows.map((row) => ({ conversationId: row.conversation_id, activityId: row.activity_id, areaId: row.area_id ?? undefined }));
    },

    async rememberMember(areaId, member, at) {
      const row = { area_id: areaId, aad_object_id: member.id.toLowerCase(), name: member.name, teams_id: member.teamsId ?? null, seen_at: toEpochMs(at, "times a member was seen") };
      await db
        .insertInto("triage_people")
        .values(row)
        // Seen from the tab there is no Teams id: the one the bot learnt is kept.
        .onConflict((conflict) => conflict.columns(["area_id", "aad_object_id"]).doUpdateSet({ name: row.name, seen_at: row.seen_at, ...(member.teamsId === undefined ? {} : { teams_id: row.teams_id }) }))
        .execute();
    },

    async membersSeen(areaId) {
      const rows = await db.selectFrom("triage_people").select(["aad_object_id", "name", "teams_id"]).where("area_id", "=", areaId).orderBy("name").execute();
      return rows.map((row) => ({ id: row.aad_object_id, name: row.name, ...(row.teams_id === null ? {} : { teamsId: row.teams_id }) }));
    },
  };
}
