// `npx tsx scripts/cross-validate-models.ts [topics|urgency] [settings as JSON]`: how well the
// models' settings generalise, measured on the TRAINING sets alone (test/support/model-training.ts)
// by five-fold cross-validation through the real answerer, so settings are chosen without ever
// looking at a held-out message or its figures. Each fold trains on the other four (and, for
// topics, always on the guidance titles and keywords) and reports on the messages it left out;
// the sets written by other people than the one tuning are reported on their own too, since they
// are the nearest thing to a question nobody has seen. Only training sets are read, so the
// options below never show a held-out message:
//   PER_ENTRY=1     topics: top-1 and top-3 for each guidance entry
//   MISSES=<set>    the set's messages answered wrongly (topics: with the first three offered)
//   CONFUSIONS=<set> topics: which entry came first where the label named another, by count
//   WITHOUT=<set>   urgency: that set left out altogether, to see what it adds
import { createHash } from "node:crypto";
import { loadAreas } from "../src/content/load-areas.ts";
import { loadDangerWords } from "../src/content/load-danger-words.ts";
import { loadGuidance } from "../src/content/load-guidance.ts";
import { createQuestionAnswerer, type QuestionAnswer } from "../src/services/answer-question.ts";
import { TOPIC_TRAINING, trainTopicModel, type LabelledTopic, type TopicTrainingSettings } from "../src/services/topic-model.ts";
import { TRAINING, trainUrgencyModel, urgencyOf, type LabelledMessage, type UrgencyTrainingSettings } from "../src/services/urgency-model.ts";
import { TOPIC_CLASSES, TOPIC_TRAINING_SETS, URGENCY_TRAINING_SETS } from "../test/support/model-training.ts";

const FOLDS = 5;
const NOW = new Date("2026-12-08T10:00:00Z");
const foldOf = (text: string) => createHash("sha256").update(text).digest().readUInt32BE(0) % FOLDS;
const GUIDANCE = loadGuidance();
const content = { guidance: GUIDANCE, areas: loadAreas(), dangerWords: loadDangerWords(new Set(GUIDANCE.map((entry) => entry.id))) };
const percent = (hits: number, of: number) => `${((100 * hits) / Math.max(of, 1)).toFixed(1)} %`;

/** What the reply offers, first answer first. */
function offered(answer: QuestionAnswer): string[] {
  if (answer.kind === "guidance") return [answer.entry.id, ...answer.alternatives.map((entry) => entry.id)];
  if (answer.kind === "urgent") return [answer.topic.id, ...answer.alternatives.map((entry) => entry.id)];
  return [];
}

function crossValidateTopics(settings: TopicTrainingSettings) {
  const [always, ...rest] = TOPIC_TRAINING_SETS;
  const tagged = rest.flatMap(({ set, messages }) => messages.map((message) => ({ set, message })));
  const tally = new Map<string, { n: number; top1: number; top3: number }>();
  const count = (key: string, top1: boolean, top3: boolean) => {
    const row = tally.get(key) ?? { n: 0, top1: 0, top3: 0 };
    tally.set(key, { n: row.n + 1, top1: row.top1 + Number(top1), top3: row.top3 + Number(top3) });
  };
  const classes = new Set(TOPIC_CLASSES);
  const confusions = new Map<string, number>();
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const training: LabelledTopic[] = tagged.filter(({ message }) => foldOf(message.q) !== fold).map(({ message }) => message);
    const model = trainTopicModel(TOPIC_CLASSES, [always!, { set: "folds", messages: training }], settings);
    const answerer = createQuestionAnswerer({ ...content, topicModel: model });
    for (const { set, message } of tagged) {
      if (foldOf(message.q) !== fold || !classes.has(message.expect)) continue;
      const shown = offered(answerer.answer(message.q, NOW));
      for (const key of [set, "all", ...(process.env.PER_ENTRY === undefined ? [] : [`entry ${message.expect}`])]) count(key, shown[0] === message.expect, shown.slice(0, 3).includes(message.expect));
      if (process.env.MISSES !== undefined && set.includes(process.env.MISSES) && shown[0] !== message.expect) process.stdout.write(`  ${message.expect} <- ${shown.slice(0, 3).join(", ") || "(none)"}: ${message.q}\n`);
      if (process.env.CONFUSIONS !== undefined && set.includes(process.env.CONFUSIONS) && shown[0] !== message.expect) confusions.set(`${message.expect} -> ${shown[0] ?? "(none)"}`, (confusions.get(`${message.expect} -> ${shown[0] ?? "(none)"}`) ?? 0) + 1);
    }
  }
  for (const [pair, times] of [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 60)) process.stdout.write(`  ${times} × ${pair}\n`);
  for (const [key, { n, top1, top3 }] of tally) process.stdout.write(`${key}: ${n} messages, top-1 ${percent(top1, n)}, top-3 ${percent(top3, n)}\n`);
}

function crossValidateUrgency(settings: UrgencyTrainingSettings, thresholds: readonly number[]) {
  const tagged = URGENCY_TRAINING_SETS.filter(({ set }) => process.env.WITHOUT === undefined || set !== process.env.WITHOUT).flatMap(({ set, messages }) => messages.map((message) => ({ set, message })));
  const tally = new Map<string, { urgent: number; caught: number; others: number; alarmed: number }>();
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const training: LabelledMessage[] = tagged.filter(({ message }) => foldOf(message.q) !== fold).map(({ message }) => message);
    const model = trainUrgencyModel([{ set: "folds", messages: training }], settings);
    for (const threshold of thresholds) {
      const answerer = createQuestionAnswerer({ ...content, urgencyModel: { ...model, threshold } });
      for (const { set, message } of tagged) {
        if (foldOf(message.q) !== fold) continue;
        const urgent = answerer.answer(message.q, NOW).kind === "urgent";
        // The model alone: the danger words were written from these sets, so the whole answer's
        // recall flatters them; the model's own reading is what generalises or not.
        const alone = urgencyOf(model, message.q) >= threshold;
        if (process.env.MISSES !== undefined && set.includes(process.env.MISSES) && urgent !== message.urgent) process.stdout.write(`  ${message.urgent ? "missed" : "alarmed"}${alone === urgent ? " (model)" : " (words)"} @${threshold}: ${message.q}\n`);
        for (const key of [`${set} @${threshold}`, `all @${threshold}`, `model alone, all @${threshold}`, `model alone, ${set} @${threshold}`]) {
          const said = key.startsWith("model alone") ? alone : urgent;
          const row = tally.get(key) ?? { urgent: 0, caught: 0, others: 0, alarmed: 0 };
          if (message.urgent) tally.set(key, { ...row, urgent: row.urgent + 1, caught: row.caught + Number(said) });
          else tally.set(key, { ...row, others: row.others + 1, alarmed: row.alarmed + Number(said) });
        }
      }
    }
  }
  for (const [key, row] of [...tally].sort(([a], [b]) => (a < b ? -1 : 1))) process.stdout.write(`${key}: urgent recall ${percent(row.caught, row.urgent)} of ${row.urgent}, false urgent ${percent(row.alarmed, row.others)} of ${row.others}\n`);
}

const [which = "topics", json = "{}"] = process.argv.slice(2);
const overrides = JSON.parse(json) as Record<string, unknown>;
if (which === "topics") crossValidateTopics({ ...TOPIC_TRAINING, ...overrides } as TopicTrainingSettings);
else {
  const { thresholds = [TRAINING.threshold], ...rest } = overrides as { thresholds?: number[] };
  crossValidateUrgency({ ...TRAINING, ...rest } as UrgencyTrainingSettings, thresholds);
}
