// Roles (issue 10, point 4): who may register an area's triage channel and act on its referrals,
// from the file named by ROLES_FILE. A bad file stops start-up naming the file and the field.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createRoles, loadRoles, MAX_ROLES_FILE_BYTES, RolesError } from "../../src/config/load-roles.ts";
import { loadAreas } from "../../src/content/load-areas.ts";
import { problemsOf } from "../support/problems-of.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/roles/", import.meta.url));
const AREA_IDS = [...loadAreas().keys()];
const KNOWN = "known areas: havering, kingston, lambeth, lewisham, other, richmond, sutton";

// The people in valid.yaml.
const KINGSTON_ADMIN = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const IN_BOTH = "0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b"; // triage in Kingston and (upper case in the file) Sutton
const WRITTEN_UPPER = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"; // upper case in the file
const KINGSTON_ONLY = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a";
const SUTTON_ONLY = "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b";
const STRANGER = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";

const fromFile = (path: string, authenticated = true) => loadRoles({ path, areaIds: AREA_IDS, authenticated });
const fixture = (name: string) => join(FIXTURES, name);

describe("loadRoles: a roles file that is refused names the file and the field", () => {
  const GUID_LIST = 'expected a list of AAD object ids, one a line after "- ", or [] for nobody';
  const AREA_LISTS = 'expected the area\'s "admins" and "triage" lists';
  const NO_ALIASES = "anchors (&name) and aliases (*name) are not allowed";
  const NO_TAGS = "are not allowed; a roles file holds only area ids and lists of ids";
  const NOTHING = 'nothing but comments or blank lines; a roles file starts with "areas:", then each area with its "admins" and "triage" lists';

  it.each([
    // The email and the Agents Playground's 13-digit ids are not AAD object ids; neither is echoed back.
    ["an id that is not a GUID", "bad-guid.yaml", ["areas.kingston.triage.2 (line 8): expected an AAD object id (a GUID)", "areas.kingston.triage.3 (line 9): expected an AAD object id (a GUID)"]],
    ["an area that is not in content/areas (ids are lower case)", "unknown-area.yaml", [`areas.kingstom (line 2): unknown area; ${KNOWN}`, `areas.Lambeth (line 6): unknown area; ${KNOWN}`]],
    ["a misspelt field, which would otherwise leave triage empty", "unknown-key.yaml", ['areas.kingston.triges (line 4): unknown field; expected "admins" or "triage"', 'version (line 6): unknown field; the file has one, "areas"']],
    [
      "values of the wrong type",
      "wrong-types.yaml",
      [
        `areas.kingston.admins (line 3): ${GUID_LIST}`,
        "areas.kingston.triage.0 (line 5): expected an AAD object id (a GUID)",
        "areas.kingston.triage.1 (line 6): expected an AAD object id (a GUID)",
        `areas.lambeth (line 8): ${AREA_LISTS}`,
        `areas.richmond.triage (line 10): ${GUID_LIST}`,
        `areas.sutton (line 7): ${AREA_LISTS}`,
      ],
    ],
    ["an id listed twice, whatever its case", "duplicate-id.yaml", ["areas.kingston.triage.2 (line 6): repeats the id on line 4 (ids compare ignoring case)"]],
    ["an empty file", "empty.yaml", [NOTHING]],
    ["a file of comments only", "comments-only.yaml", [NOTHING]],
    ["areas: null", "areas-null.yaml", ['areas (line 1): expected each area by its id (e.g. "kingston:") with its "admins" and "triage" lists']],
    ["a list at the top", "not-a-mapping.yaml", ['expected "areas:" at the top, then each area with its "admins" and "triage" lists']],
    ["broken YAML, with line and column", "syntax-error.yaml", ["not valid YAML at line 4, column 3 (Flow sequence in block collection must be sufficiently indented and end with a ])"]],
    ["an area listed twice", "duplicate-area.yaml", ["not valid YAML at line 4, column 3 (the same key twice in one mapping; merge the two)"]],
    ["two YAML documents", "two-documents.yaml", ['not valid YAML at line 4, column 1 (more than one document; remove the second "---" and what follows, or merge it into the first)']],
    ["a billion laughs: refused before any alias is expanded", "billion-laughs.yaml", [`line 2, column 7: ${NO_ALIASES} (90 in the file); write each id out where it applies`]],
    [
      "tags, custom or standard",
      "custom-tags.yaml",
      [`line 3, column 27: tags such as "!!js/function" ${NO_TAGS}`, `line 5, column 7: tags such as "!ruby/object:Gem::Installer" ${NO_TAGS}`, `line 7, column 20: tags such as "!!str" ${NO_TAGS}`],
    ],
    ["brackets nested deeper than a roles file ever is", "deep-nesting.yaml", ["nested more than 4 deep in [ ] or { }, which a roles file never is"]],
    ["YAML 1.1, where merge keys and yes/no booleans come back", "yaml-1-1.yaml", ["%YAML 1.1: a roles file is YAML 1.2; remove the %YAML line"]],
    ["area names that a plain object would answer from its prototype", "prototype-keys.yaml", [`areas.__proto__ (line 2): unknown area; ${KNOWN}`, `areas.constructor (line 4): unknown area; ${KNOWN}`]],
  ])("%s (%s)", (_meaning, name, problems) => {
    expect(problemsOf(() => fromFile(fixture(name)), RolesError)).toEqual(problems.map((problem) => `${fixture(name)}: ${problem}`));
  });

  it("lists every problem in the error's message, and never the text of a bad id", () => {
    const error = (() => {
      try {
        fromFile(fixture("bad-guid.yaml"));
      } catch (thrown) {
        return thrown as Error;
      }
      throw new Error("expected the file to be refused");
    })();
    expect(error).toBeInstanceOf(RolesError);
    expect(error.message).toBe(
      [
        "The roles file is invalid:",
        `  ${fixture("bad-guid.yaml")}: areas.kingston.triage.2 (line 8): expected an AAD object id (a GUID)`,
        `  ${fixture("bad-guid.yaml")}: areas.kingston.triage.3 (line 9): expected an AAD object id (a GUID)`,
      ].join("\n"),
    );
    expect(error.message).not.toContain("jane.doe");
  });
});

describe("loadRoles: a ROLES_FILE that cannot be read is named", () => {
  const dir = mkdtempSync(join(tmpdir(), "roles-"));
  const cannot = (path: string, why: string) => [`${path}: cannot read the roles file named by ROLES_FILE: ${why}`];

  it.each([
    ["a missing file", () => join(dir, "missing.yaml"), "no such file"],
    ["a path through a file", () => join(FIXTURES, "valid.yaml", "roles.yaml"), "no such file"],
    ["a folder", () => FIXTURES, "it is not a file"],
    [
      // Made here rather than kept in git: it is 256 KiB of nothing.
      "a file too big to be a roles file, refused unread",
      () => {
        const path = join(dir, "huge.yaml");
        writeFileSync(path, `areas: {}\n${"#".repeat(MAX_ROLES_FILE_BYTES)}\n`);
        return path;
      },
      "it is 257 KiB, over the 256 KiB a roles file could need; is it the right file?",
    ],
    [
      "a file that is not text",
      () => {
        const path = join(dir, "binary.yaml");
        writeFileSync(path, Buffer.from([0x61, 0x72, 0x65, 0x61, 0x73, 0x3a, 0x20, 0xff, 0xfe, 0x00]));
        return path;
      },
      "it is not UTF-8 text; is it the right file?",
    ],
  ])("%s", (_meaning, makePath, why) => {
    const path = makePath();
    expect(problemsOf(() => fromFile(path), RolesError)).toEqual(cannot(path, why));
  });

  it.skipIf(process.platform === "win32")("a device such as /dev/zero, which would never end", () => {
    expect(problemsOf(() => fromFile("/dev/zero"), RolesError)).toEqual(cannot("/dev/zero", "it is not a file"));
  });

  it("a relative path is named as given", () => {
    const path = relative(process.cwd(), fixture("unknown-key.yaml"));
    expect(problemsOf(() => fromFile(path), RolesError)[0]).toBe(`${path}: areas.kingston.triges (line 4): unknown field; expected "admins" or "triage"`);
  });
});

describe("loadRoles: the three modes", () => {
  it("with a file: exactly the file's roles, and a start-up line that counts them without naming anyone", () => {
    const loaded = fromFile(fixture("valid.yaml"));
    expect(loaded.mode).toBe("file");
    expect(loaded.startupMessage).toEqual({
      level: "info",
      text: `roles from ${fixture("valid.yaml")}: 2 areas, 1 admin, 5 triage members (kingston: 1 admin, 3 triage members; sutton: 0 admins, 2 triage members)`,
    });
    for (const id of [KINGSTON_ADMIN, IN_BOTH, WRITTEN_UPPER, KINGSTON_ONLY, SUTTON_ONLY]) expect(loaded.startupMessage.text.toLowerCase()).not.toContain(id);
    expect(loaded.roles.triageMembersOf("kingston")).toEqual([IN_BOTH, WRITTEN_UPPER, KINGSTON_ONLY]);
    expect(loaded.roles.triageMembersOf("sutton")).toEqual([SUTTON_ONLY, IN_BOTH]);
    expect(loaded.roles.triageMembersOf("lambeth")).toEqual([]);
  });

  it("with a file and no authentication: still exactly the file's roles, not open", () => {
    const loaded = fromFile(fixture("valid.yaml"), false);
    expect(loaded.mode).toBe("file");
    expect(loaded.roles.isTriage(STRANGER, "kingston")).toBe(false);
    expect(loaded.roles.isTriage(KINGSTON_ONLY, "kingston")).toBe(true);
  });

  it("with a file that lists nobody: warns that nobody can act", () => {
    expect(fromFile(fixture("no-one.yaml")).startupMessage).toEqual({
      level: "warn",
      text: `roles from ${fixture("no-one.yaml")}: nobody is listed, so nobody can register a triage channel or act on referrals`,
    });
  });

  it("no file and no authentication (local use with the Agents Playground): everyone holds every role, and says so", () => {
    const loaded = loadRoles({ path: undefined, areaIds: AREA_IDS, authenticated: false });
    expect(loaded.mode).toBe("open-local");
    expect(loaded.startupMessage).toEqual({ level: "warn", text: "every user may register triage channels and act on referrals in every area (local use: no ROLES_FILE and no MicrosoftAppId)" });
    for (const areaId of AREA_IDS) {
      expect(loaded.roles.isAdmin(STRANGER, areaId)).toBe(true);
      expect(loaded.roles.isTriage("00000000-0000-0000-0000-0000000000020", areaId)).toBe(true);
    }
    expect(loaded.roles.isTriage(STRANGER, "atlantis")).toBe(false);
    expect(loaded.roles.triageAreasOf(STRANGER)).toEqual(AREA_IDS);
    expect(loaded.roles.triageMembersOf("kingston")).toEqual([]);
  });

  it("no file with authentication: nobody holds any role, and a warning says so", () => {
    const loaded = loadRoles({ path: undefined, areaIds: AREA_IDS, authenticated: true });
    expect(loaded.mode).toBe("nobody");
    expect(loaded.startupMessage).toEqual({ level: "warn", text: "no ROLES_FILE: nobody can register a triage channel or act on referrals" });
    expect(loaded.roles.isAdmin(KINGSTON_ADMIN, "kingston")).toBe(false);
    expect(loaded.roles.isTriage(KINGSTON_ONLY, "kingston")).toBe(false);
    expect(loaded.roles.triageAreasOf(KINGSTON_ONLY)).toEqual([]);
    expect(loaded.roles.triageMembersOf("kingston")).toEqual([]);
  });
});

describe("Roles: the queries the services ask", () => {
  const { roles } = fromFile(fixture("valid.yaml"));

  it.each([
    ["a Kingston triage member is triage in Kingston", () => roles.isTriage(KINGSTON_ONLY, "kingston"), true],
    ["a Kingston triage member is not triage in Sutton", () => roles.isTriage(KINGSTON_ONLY, "sutton"), false],
    ["a Kingston triage member is not a Kingston admin", () => roles.isAdmin(KINGSTON_ONLY, "kingston"), false],
    ["a Kingston admin is not triage unless listed", () => roles.isTriage(KINGSTON_ADMIN, "kingston"), false],
    ["a Kingston admin is not an admin in Sutton", () => roles.isAdmin(KINGSTON_ADMIN, "sutton"), false],
    ["an id written in upper case in the file matches in lower case", () => roles.isTriage(WRITTEN_UPPER, "kingston"), true],
    ["an id written in lower case in the file matches in upper case", () => roles.isTriage(KINGSTON_ONLY.toUpperCase(), "kingston"), true],
    ["an admin matches in any case", () => roles.isAdmin(KINGSTON_ADMIN.toUpperCase(), "kingston"), true],
    ["the bot's own user id (msteams:<id>) matches nobody: pass the bare AAD object id", () => roles.isTriage(`msteams:${KINGSTON_ONLY}`, "kingston"), false],
    ["a stranger holds no role", () => roles.isTriage(STRANGER, "kingston") || roles.isAdmin(STRANGER, "kingston"), false],
    ["an area the content does not know holds no roles", () => roles.isTriage(KINGSTON_ONLY, "constructor"), false],
  ])("%s", (_meaning, ask, expected) => {
    expect(ask()).toBe(expected);
  });

  it("triageAreasOf lists each area whose referrals the user may act on, in content order, in any case", () => {
    expect(roles.triageAreasOf(IN_BOTH.toUpperCase())).toEqual(["kingston", "sutton"]);
    expect(roles.triageAreasOf(KINGSTON_ONLY)).toEqual(["kingston"]);
    expect(roles.triageAreasOf(KINGSTON_ADMIN)).toEqual([]);
  });

  it("createRoles builds the same queries from a table, for services' tests", () => {
    const table = createRoles(new Map([["lambeth", { admins: [], triage: [KINGSTON_ONLY.toUpperCase()] }]]));
    expect(table.isTriage(KINGSTON_ONLY, "lambeth")).toBe(true);
    expect(table.triageMembersOf("lambeth")).toEqual([KINGSTON_ONLY]);
  });
});
