// Checks a Teams app manifest against Microsoft's JSON schema. The Teams schemas are draft-04
// (even v1.25), which Ajv's default draft-07 class refuses, so this uses ajv-draft-04 with the
// options and formats Microsoft's own @microsoft/app-manifest validator uses.
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { ErrorObject } from "ajv";

/** One way the manifest breaks the schema; `path` is a JSON pointer into the manifest. */
export type SchemaProblem = Readonly<{ path: string; message: string }>;

export function createManifestValidator(schema: unknown): (manifest: unknown) => SchemaProblem[] {
  // Both packages are CommonJS whose export is also its own `.default`; TypeScript sees only that.
  const ajv = new AjvDraft04.default({ allErrors: true, strictTypes: false });
  addFormats.default(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(schema as object);
  return (manifest) => {
    if (validate(manifest)) return [];
    const problems = (validate.errors ?? []).map(toProblem);
    const seen = new Set<string>();
    return problems.filter((problem) => {
      const key = `${problem.path}\u0000${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
}

type Params = Record<string, unknown>;

// Keywords whose Ajv message hides the property at fault or the values allowed.
const DESCRIBE: Readonly<Record<string, (at: string, params: Params) => SchemaProblem>> = {
  required: (at, params) => ({ path: `${at}/${String(params.missingProperty)}`, message: "is required" }),
  additionalProperties: (at, params) => ({ path: `${at}/${String(params.additionalProperty)}`, message: "is not a property the schema allows here" }),
  enum: (at, params) => ({ path: at || "/", message: `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}` }),
  const: (at, params) => ({ path: at || "/", message: `must be ${JSON.stringify(params.allowedValue)}` }),
};

/** Points each problem at the property at fault, in words a person can act on. */
function toProblem(error: ErrorObject): SchemaProblem {
  const describe = DESCRIBE[error.keyword];
  if (describe !== undefined) return describe(error.instancePath, error.params as Params);
  return { path: error.instancePath || "/", message: error.message ?? error.keyword };
}
