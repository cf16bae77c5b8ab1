// Issue 10, point 3: an area admin registers a team channel as the area's triage channel by
// @mentioning the bot; anyone else is refused politely and nothing is stored.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseRegistration } from "../../src/services/triage-registration.ts";
import { ALEX, SAM, startHarness, type Harness, type User } from "../support/bot-harness.ts";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Alex is Kingston's admin; Sam is nobody's. */
async function withRoles(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "roles-"));
  const file = join(dir, "roles.yaml");
  writeFileSync(file, `areas:\n  kingston:\n    admins: [${ALEX.aadObjectId}]\n    triage: [${ALEX.aadObjectId}]\n`);
  return startHarness({ env: { ROLES_FILE: file } });
}

/** Says `words` in My Team's General channel, @mentioning the bot, and returns the bot's reply text. */
async function sayInChannel(h: Harness, user: User, words: string, channel: Record<string, unknown> = { team: { id: "team-id" }, channel: { id: "team-id" } }): Promise<string> {
  const before = h.sent.length;
  const response = await h.post(
    h.activity("message", user, {
      text: `<at>SAFEGUARD</at> ${words}`,
      conversation: { id: "team-id", conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
      channelData: { tenant: { id: "tenant-1" }, ...channel },
      entities: [{ type: "mention", text: "<at>SAFEGUARD</at>", mentioned: { id: "28:safeguard-bot", name: "SAFEGUARD" } }],
    }),
  );
  expect(response.status).toBe(200);
  return h.sent.slice(before).map((entry) => String(entry.activity.text ?? "")).join("\n");
}

describe("registering a triage channel", () => {
  it.each([
    ["register triage kingston", { kind: "register", areaId: "kingston" }],
    ["Unregister Triage Sutton", { kind: "unregister", areaId: "sutton" }],
    ["register triage kingston please", undefined],
    ["register kingston", undefined],
  ])("reads %j", (text, command) => {
    expect(parseRegistration(text)).toEqual(command);
  });

  it("an area admin registers and unregisters the channel, and is told each time", async () => {
    harness = await withRoles();
    expect(await sayInChannel(harness, ALEX, "register triage kingston")).toContain("This channel is now Kingston upon Thames's triage channel");
    expect(await sayInChannel(harness, ALEX, "unregister triage kingston")).toContain("is no longer Kingston upon Thames's triage channel");
    expect(await sayInChannel(harness, ALEX, "unregister triage kingston")).toContain("nothing to undo");
  });

  it("anyone else is refused politely, and nothing is stored", async () => {
    harness = await withRoles();
    expect(await sayInChannel(harness, SAM, "register triage kingston")).toContain("Only Kingston upon Thames's area admins can register");
    expect(await sayInChannel(harness, ALEX, "register triage sutton")).toContain("Only Sutton's area admins");
    expect(await sayInChannel(harness, ALEX, "unregister triage kingston")).toContain("nothing to undo");
  });

  it("an unknown area is named with the ones there are; a personal chat is not a channel", async () => {
    harness = await withRoles();
    expect(await sayInChannel(harness, ALEX, "register triage croydon")).toMatch(/I do not know that area\. Areas: .*kingston/);
    const [reply] = await harness.say(ALEX, "register triage kingston").then(() => harness!.sent.slice(-1));
    expect(reply?.activity.text).toContain("A triage channel is a channel in a team");
  });

  it("in local use with no roles file, anyone may register (the playground's users try everything)", async () => {
    harness = await startHarness();
    expect(await sayInChannel(harness, SAM, "register triage sutton")).toContain("This channel is now Sutton's triage channel");
  });
});
