// The Microsoft 365 Agents Toolkit project, checked offline: m365agents.yml and
// m365agents.local.yml against the toolkit's own schema (infra/schema/), and every value the Teams
// app manifest, the Entra app manifest and the Bicep parameters ask for is one the toolkit has by
// then: written by an earlier step, a Bicep output, or set in the environment file's example.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const placeholders = (text: string) => new Set([...text.matchAll(/\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g)].map((match) => match[1]!));

type Step = { uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };
type Project = { provision: Step[]; deploy?: Step[]; publish?: Step[] };

/** What the toolkit itself provides: the environment's name and the Azure target it asks for. */
const BUILT_IN = ["TEAMSFX_ENV", "AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP_NAME", "AAD_APP_ACCESS_AS_USER_PERMISSION_ID"];

function example(file: string): Set<string> {
  return new Set([...read(file).matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((match) => match[1]!));
}

const bicepOutputs = new Set([...read("infra/azure.bicep").matchAll(/^output (\w+) /gm)].map((match) => match[1]!));
const bicepParams = new Set([...read("infra/azure.bicep").matchAll(/^param (\w+) /gm)].map((match) => match[1]!));

/** Every variable available after the steps before `index`, in order. */
function availableBefore(steps: readonly Step[], index: number, initial: Iterable<string>): Set<string> {
  const known = new Set([...BUILT_IN, ...initial]);
  for (const step of steps.slice(0, index)) {
    for (const name of Object.values(step.writeToEnvironmentFile ?? {})) known.add(name);
    if (step.uses === "arm/deploy") for (const name of bicepOutputs) known.add(name);
    if (step.uses === "script") for (const match of String(step.with?.["run"] ?? "").matchAll(/::set-teamsfx-env (\w+)=/g)) known.add(match[1]!);
  }
  return known;
}

/** The placeholders a step asks for: in its own text, and in the files it reads. */
function asked(step: Step): Set<string> {
  const names = placeholders(JSON.stringify(step.with ?? {}));
  const path = step.with?.["manifestPath"];
  if (typeof path === "string") for (const name of placeholders(read(path))) names.add(name);
  if (step.uses === "arm/deploy") for (const name of placeholders(read("infra/azure.parameters.json"))) names.add(name);
  return names;
}

describe.each([
  ["m365agents.yml", "env/.env.dev.example", ["SECRET_POSTGRES_ADMIN_PASSWORD"]],
  ["m365agents.local.yml", "env/.env.local.example", ["SECRET_REFERRAL_KEY"]],
])("%s", (file, envExample, userSecrets) => {
  const project = parse(read(file)) as Project;

  it("matches the toolkit's schema for its version", () => {
    const schema = JSON.parse(read("infra/schema/m365agents.v1.9.yaml.schema.json")) as object;
    // Both packages are CommonJS whose export is also its own `.default`; TypeScript sees only that.
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(parse(read(file))).toMatchObject({ version: "v1.9" });
    expect(validate(parse(read(file))), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  });

  it("asks for no value the toolkit does not have by then", () => {
    const initial = [...example(envExample), ...userSecrets];
    for (const stage of ["provision", "deploy", "publish"] as const) {
      const before = stage === "provision" ? [] : project.provision;
      const steps = [...before, ...(project[stage] ?? [])];
      steps.forEach((step, index) => {
        if (index < before.length) return;
        const known = availableBefore(steps, index, initial);
        const missing = [...asked(step)].filter((name) => !known.has(name) && !name.startsWith("SECRET_BOT_PASSWORD"));
        expect(missing, `${file} ${stage}: ${step.uses} asks for`).toEqual([]);
      });
    }
  });
});

describe("the toolkit project's files", () => {
  it("the Bicep parameters file names only the template's parameters, and no secret by value", () => {
    const parameters = (JSON.parse(read("infra/azure.parameters.json")) as { parameters: Record<string, { value: string }> }).parameters;
    expect(Object.keys(parameters).filter((name) => !bicepParams.has(name))).toEqual([]);
    for (const [name, { value }] of Object.entries(parameters)) expect(value, name).toMatch(/^\$\{\{[A-Z_]+\}\}$/);
  });

  it("the Entra app exposes access_as_user to the Teams clients at the tab's Application ID URI", () => {
    const entra = JSON.parse(read("infra/entra/aad.manifest.json")) as { identifierUris: string[]; oauth2Permissions: { value: string; id: string }[]; preAuthorizedApplications: { appId: string; permissionIds: string[] }[] };
    expect(entra.identifierUris).toEqual(["${{TAB_AUDIENCE}}"]);
    expect(entra.oauth2Permissions.map((permission) => permission.value)).toEqual(["access_as_user"]);
    // Teams desktop and mobile, and Teams on the web (README "Configure", TAB_AUDIENCE).
    expect(entra.preAuthorizedApplications.map((client) => client.appId).sort()).toEqual(["1fec8e78-bce4-4aaf-ab1b-5451cc387264", "5e3ce6c0-2b1f-4285-8d4b-75ee78787346"]);
    for (const client of entra.preAuthorizedApplications) expect(client.permissionIds).toEqual([entra.oauth2Permissions[0]!.id]);
  });
});
