// `npm run --silent assess -- FILE`: one assessment as one JSON object on stdout (DOMAIN.md §7).
// Bad input exits non-zero with a message on stderr naming the field or id.
import { assess } from "../domain/assess.ts";
import { AssessmentInput, describeIssues } from "../domain/assessment-input.ts";
import type { Areas } from "../content/load-areas.ts";

export const USAGE = "usage: npm run --silent assess -- FILE   (FILE is a JSON assessment input; - reads standard input)";

export type CliIo = {
  readonly argv: readonly string[];
  readonly readStdin: () => string;
  readonly readFile: (path: string) => string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  readonly areas: () => Areas;
};

export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const;

export function runAssess(io: CliIo): number {
  const [file, ...rest] = io.argv;
  if (file === undefined || rest.length > 0 || file === "--help" || file === "-h") {
    io.stderr(USAGE);
    return EXIT.usage;
  }
  let text: string;
  try {
    text = file === "-" ? io.readStdin() : io.readFile(file);
  } catch (error) {
    io.stderr(`assess: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return EXIT.usage;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.stderr(`assess: input is not valid JSON: ${(error as Error).message}`);
    return EXIT.badInput;
  }
  const parsed = AssessmentInput.safeParse(json);
  if (!parsed.success) {
    io.stderr(describeIssues(parsed.error).map((line) => `assess: ${line}`).join("\n"));
    return EXIT.badInput;
  }
  const areas = io.areas();
  const area = areas.get(parsed.data.area);
  if (area === undefined) {
    io.stderr(`assess: area: unknown area ${JSON.stringify(parsed.data.area)} (known: ${[...areas.keys()].join(", ")})`);
    return EXIT.badInput;
  }
  const assessment = assess({ ...parsed.data, at: parsed.data.at ?? io.now() }, area);
  io.stdout(JSON.stringify(assessment, null, 2));
  return EXIT.ok;
}
