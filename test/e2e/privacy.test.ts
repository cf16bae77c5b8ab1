// Privacy: nothing a practitioner types about a child reaches the logs, even when things fail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALEX, startHarness, textOf, type Harness } from "../support/bot-harness.ts";

const logLines: string[] = [];
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ logLines });
});
afterAll(async () => {
  await harness.close();
});

describe("logs", () => {
  it("hold none of the words typed or entered, through questions, a check, bad input and broken actions", async () => {
    await harness.say(ALEX, "Jasmine Q. Example, 14, was picked up by a man in a silver car");
    await harness.say(ALEX, "who do I call in Sutton about Jasmine at 9pm");
    const [first] = await harness.say(ALEX, "check");
    const wrong = await harness.press(ALEX, first!, "Continue", { q_immediateDanger: "no", area: "sutton", age: "Jasmine is fourteen" });
    const signs = await harness.press(ALEX, wrong, "Continue", { age: "14" });
    await harness.press(ALEX, signs, "Continue", { signs_gangs: ["gangs.vehicles"] });
    await harness.invoke(ALEX, { type: "Action.Execute", verb: "check.signs", data: { sessionId: "Jasmine-session", version: "x", note: "Jasmine" } });
    await harness.post({ type: "message", text: "Jasmine", channelId: "msteams" });
    expect(textOf(wrong)).toContain("Enter the age as a whole number");

    // Something was logged (the broken activity), so the check below has something to read.
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join("\n");
    expect(logs).not.toMatch(/Jasmine|silver car|gangs\.vehicles/);
  });
});
