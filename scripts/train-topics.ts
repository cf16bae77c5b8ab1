// `npm run train-topics`: trains the topic model on the tuning parts of the labelled question sets
// and the guidance entries' own titles and keywords (test/support/model-training.ts), and writes
// content/topic-model.json. Deterministic: run it after changing a set or the guidance, and commit
// the model with the change.
import { writeFileSync } from "node:fs";
import { trainTopicModel } from "../src/services/topic-model.ts";
import { TOPIC_CLASSES, TOPIC_TRAINING_SETS } from "../test/support/model-training.ts";

const model = trainTopicModel(TOPIC_CLASSES, TOPIC_TRAINING_SETS);
writeFileSync(new URL("../content/topic-model.json", import.meta.url), `${JSON.stringify(model)}\n`);
process.stdout.write(`content/topic-model.json: ${Object.keys(model.weights).length} features, ${model.classes.length} entries, from ${model.trainedOn.reduce((sum, set) => sum + set.messages, 0)} messages\n`);
