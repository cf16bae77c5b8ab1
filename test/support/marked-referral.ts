// Referrals whose every typed value is a marker found nowhere else ("Q017Q ..."), so a test can
// say which field's text reached a page or a file, and which did not. Built through
// validateReferral, so each is a referral as the store keeps it.
import { QUESTION_IDS } from "../../src/domain/catalogue.ts";
import { fieldId, isListGroup, REFERRAL_FIELDS, type FieldSpec, type ListEntries } from "../../src/domain/referral-fields.ts";
import { ageOn } from "../../src/domain/referral-age.ts";
import { validateReferral, type FromCheck, type Referral } from "../../src/domain/referral.ts";

export const TODAY = "2026-11-24";
const DATE_OF_BIRTH = "2011-04-09";
const A_PARENTS_DATE_OF_BIRTH = "1984-07-21";

// Lower-case words with no "q", so no filler can look like a marker.
const FILLER = "seen near the station after school with older men who drive a silver car and give her phones clothes and money while she stays out late".split(" ");

/** `marker` then filler words, up to `length` characters. */
export function wordsOfLength(marker: string, length: number): string {
  let text = marker;
  for (let index = 0; text.length < length; index += 1) text += ` ${FILLER[index % FILLER.length]}`;
  return text.slice(0, length).trimEnd();
}

export type Marked = {
  readonly referral: Referral;
  /** Each filled field's value as typed, by input id ("child.forename", "personsOfInterest.3.name"). */
  readonly typed: ReadonlyMap<string, string>;
  /** Every marker used, each in one value (an email's in lower case). */
  readonly markers: readonly string[];
};

export const FROM_CHECK: FromCheck = {
  area: "kingston",
  child: { age: ageOn(DATE_OF_BIRTH, TODAY), lookedAfter: true, placedOutOfArea: true, missingEpisodes90d: 4 },
  signs: ["receipt.moneyOrGoods", "absent.missingFromHome", "gangs.vehicles"],
  answers: Object.fromEntries(QUESTION_IDS.slice(0, 7).map((id, index) => [id, (["no", "yes", "unsure"] as const)[index % 3]])),
  category: 2,
  flags: ["missing", "repeatMissing", "lookedAfter"],
  unconfirmed: true,
};

/** A value for `field` that validates; free text carries `marker` and is as long as the field allows. */
function valueFor(field: FieldSpec, marker: string, long: boolean): string | number {
  if (field.kind === "email") return `${marker.toLowerCase()}@school.example`;
  if (field.kind === "phone") return "020 7946 0123";
  if (field.kind === "date") return field.group === "parentsAndCarers" ? A_PARENTS_DATE_OF_BIRTH : field.key === "dateOfBirth" ? DATE_OF_BIRTH : "2026-11-02";
  if (field.kind === "number") return ageOn(DATE_OF_BIRTH, TODAY);
  if (field.kind === "yesno") return field.key === "told" ? "no" : "yes";
  if (field.kind === "choice") return field.choices?.at(-1)?.value ?? "";
  if (field.pattern !== undefined) return field.key === "nhsNumber" ? "943 476 5919" : "A12345678901B";
  if (field.kind === "multiline") return wordsOfLength(marker, field.maxLength);
  return wordsOfLength(marker, long ? field.maxLength : Math.min(field.maxLength, 60));
}

function validated(input: Record<string, unknown>): Referral {
  const result = validateReferral(input, TODAY);
  if (!result.ok) throw new Error(`the marked referral does not validate: ${JSON.stringify(result.issues)}`);
  return result.referral;
}

/**
 * Every field filled, `people` persons and `places` places of interest, `carers` parents or carers
 * and `children` other children in the household (each list full unless said), each value marked;
 * free text as long as the field allows (short answers cut at 60 characters unless `long`).
 */
export function markedReferral(options: { people?: number; places?: number; carers?: number; children?: number; area?: string; long?: boolean } = {}): Marked {
  const { people = 20, places = 20, carers = 4, children = 8, area = "kingston", long = false } = options;
  const typed = new Map<string, string>();
  const markers: string[] = [];
  const input: Record<string, unknown> = { fromCheck: { ...FROM_CHECK, area }, personsOfInterest: [], locationsOfInterest: [], parentsAndCarers: [], householdChildren: [] };
  const entries: ListEntries = { personsOfInterest: people, locationsOfInterest: places, parentsAndCarers: carers, householdChildren: children };
  let count = 0;
  const put = (path: string, target: Record<string, unknown>, field: FieldSpec) => {
    const marker = `Q${String(count++).padStart(3, "0")}Q`;
    const value = valueFor(field, marker, long);
    if (String(value).toUpperCase().includes(marker)) markers.push(marker);
    target[field.key] = value;
    typed.set(path, String(value));
  };
  for (const field of REFERRAL_FIELDS) {
    if (isListGroup(field.group)) {
      const list = input[field.group] as Record<string, unknown>[];
      for (let index = 0; index < entries[field.group]; index += 1) put(`${field.group}.${index}.${field.key}`, (list[index] ??= {}), field);
    } else {
      const group = (input[field.group] ??= {}) as Record<string, unknown>;
      put(fieldId(field), group, field);
    }
  }
  return { referral: validated(input), typed, markers };
}

/** Only what the front door needs, plus one person with only a name and one place with only its name. */
export function sparseReferral(area = "kingston"): Marked {
  const typed = new Map<string, string>([
    ["referrer.name", "Q900Q Alex"],
    ["referrer.role", "Q901Q teacher"],
    ["referrer.agency", "Q902Q School"],
    ["referrer.email", "q903q@school.example"],
    ["child.forename", "Q904Q Sam"],
    ["child.surname", "Q905Q Doe"],
    ["child.dateOfBirth", DATE_OF_BIRTH],
    ["concern.worries", "Q906Q seen getting into cars"],
    ["parentalResponsibility.told", "yes"],
    ["personsOfInterest.0.name", "Q907Q Jay"],
    ["locationsOfInterest.0.place", "Q908Q the park"],
  ]);
  const input: Record<string, unknown> = { fromCheck: { ...FROM_CHECK, area }, personsOfInterest: [{}], locationsOfInterest: [{}] };
  for (const [path, value] of typed) {
    const parts = path.split(".");
    const target = (parts.length === 3 ? (input[parts[0]!] as Record<string, unknown>[])[Number(parts[1])] : ((input[parts[0]!] ??= {}) as Record<string, unknown>)) as Record<string, unknown>;
    target[parts.at(-1)!] = value;
  }
  return { referral: validated(input), typed, markers: [...typed.values()].map((value) => /Q\d{3}Q/i.exec(value)?.[0] ?? "").filter((marker) => marker !== "") };
}
