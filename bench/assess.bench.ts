// assess() throughput on one core, against a baseline measured in the same run: a JSON
// round-trip of the same inputs (the least any edge does with an assessment input).
import { Bench } from "tinybench";
import { assess, type AssessmentRequest } from "../src/domain/assess.ts";
import { loadAreas } from "../src/content/load-areas.ts";

const AREAS = loadAreas();
const AT = [new Date("2026-11-24T10:00:00Z"), new Date("2026-11-24T19:00:00Z"), new Date("2026-12-28T10:00:00Z"), new Date("2026-07-14T07:30:00Z")];

/** A spread of realistic inputs: every area, every category, flags and the clock's edges. */
const INPUTS: AssessmentRequest[] = [...AREAS.keys()].flatMap((area, index) => [
  { area, at: AT[index % AT.length]!, child: { age: 14, lookedAfter: false, placedOutOfArea: false }, signs: [], answers: {} },
  { area, at: AT[(index + 1) % AT.length]!, child: { age: 15, lookedAfter: false, placedOutOfArea: false }, signs: ["alcohol.misuse", "distrust.hostility", "emotional.selfHarm"], answers: { groomingConcern: "no" } },
  { area, at: AT[(index + 2) % AT.length]!, child: { age: 13, lookedAfter: true, placedOutOfArea: true, missingEpisodes90d: 2 }, signs: ["absent.missingFromHome"], answers: { groomingConcern: "yes" } },
  { area, at: AT[(index + 3) % AT.length]!, child: { age: 16, lookedAfter: false, placedOutOfArea: false, missingEpisodes90d: 5 }, signs: ["receipt.moneyOrGoods", "gangs.olderPartner"], answers: { immediateDanger: "unsure", exchange: "yes", habitual: "unsure", coercionControl: "yes", trafficking: "yes" } },
  { area, at: AT[index % AT.length]!, child: { age: 11, lookedAfter: false, placedOutOfArea: false }, signs: ["sexual.activeUnder13"], answers: { sexualActivityUnder13: "yes" } },
]);

export async function benchAssess(): Promise<string[]> {
  let cursor = 0;
  let sink = 0;
  const next = () => INPUTS[cursor++ % INPUTS.length]!;
  const bench = new Bench({ time: 2000, warmup: true, warmupTime: 300 });
  bench
    .add("baseline: JSON round-trip of the input", () => {
      sink += (JSON.parse(JSON.stringify(next())) as AssessmentRequest).child.age;
    })
    .add("assess()", () => {
      const input = next();
      sink += assess(input, AREAS.get(input.area)!).pathway.length;
    });
  await bench.run();
  const [baseline, subject] = bench.tasks.map((task) => {
    if (task.result.state !== "completed") throw new Error(`bench task ${task.name} did not complete`);
    return { name: task.name, hz: task.result.throughput.mean };
  });
  if (baseline === undefined || subject === undefined || sink < 0) throw new Error("bench did not run");
  return [
    `assess(): ${Math.round(subject.hz).toLocaleString("en-GB")} calls/s on one core (target > 100,000/s: ${subject.hz > 100_000 ? "met" : "NOT met"})`,
    `baseline, ${baseline.name}: ${Math.round(baseline.hz).toLocaleString("en-GB")} ops/s`,
    `ratio assess() / baseline: ${(subject.hz / baseline.hz).toFixed(2)}`,
  ];
}
