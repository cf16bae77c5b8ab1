// `npm run train-urgency`: trains the urgency model on the tuning parts of the labelled sets
// (test/support/model-training.ts) and writes content/urgency-model.json. Deterministic: run it
// after changing a training set, and commit the model with the change.
import { writeFileSync } from "node:fs";
import { trainUrgencyModel } from "../src/services/urgency-model.ts";
import { URGENCY_TRAINING_SETS } from "../test/support/model-training.ts";

const model = trainUrgencyModel(URGENCY_TRAINING_SETS);
const file = new URL("../content/urgency-model.json", import.meta.url);
writeFileSync(file, `${JSON.stringify(model, null, 1)}\n`);
process.stdout.write(`content/urgency-model.json: ${Object.keys(model.weights).length} weights from ${model.trainedOn.reduce((sum, set) => sum + set.messages, 0)} messages\n`);
