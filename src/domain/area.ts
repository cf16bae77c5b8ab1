// An area's front door, contacts and local labels (DOMAIN.md §6). Areas are data in
// content/areas/*.json; this schema is what every such file must satisfy.
import { z } from "zod";
import { ContactHours } from "./contact-hours.ts";
import { ReferenceCode } from "./referral-reference.ts";

/** Services an area contact can serve in the pathway (DOMAIN.md §5). */
export const AREA_SERVICES = ["front-door", "phoenix", "mase"] as const;

// A UK number as the seeds print it: 11 digits starting 0, spaces allowed (e.g. "020 8547 5008").
const ukPhone = z
  .string()
  .regex(/^0[\d ]+$/, { error: 'expected a UK phone number such as "020 8547 5008"' })
  .refine((phone) => phone.replace(/ /g, "").length === 11, { error: "expected 11 digits" });

// DOMAIN.md §6: never invent a number. A value either quotes the seed document it comes from or
// says the deployer set it, and when, after checking it with the service (README, "verify every
// contact"). The passage is the seed's own words, so a test can find it in that area's document.
const FROM_SEED_EXAMPLE = '{ "seed": "002", "passage": "the words of the seed that give it" }';
const BY_DEPLOYER_EXAMPLE = '{ "configuredBy": "deployer", "date": "2026-05-01" }';

export const SeedPassage = z.strictObject({
  /** The seed document's number, the start of its file name in shared/seeds ("002"). */
  seed: z.string().regex(/^\d{3}$/, { error: 'expected a seed document number such as "002"' }),
  /** A short verbatim passage of that seed holding the value (for hours, the words that state them). */
  passage: z
    .string()
    .trim()
    .min(1, { error: "quote the seed's words that give the value" })
    .max(300, { error: "quote a short passage (at most 300 characters), the words that give the value" }),
});
export type SeedPassage = z.infer<typeof SeedPassage>;

export const ConfiguredByDeployer = z.strictObject({
  configuredBy: z.literal("deployer"),
  /** The day the deployer checked the value with the service. */
  date: z.iso.date({ error: 'expected the day it was checked, as "YYYY-MM-DD"' }),
});
export type ConfiguredByDeployer = z.infer<typeof ConfiguredByDeployer>;

export const ValueSource = z.union([SeedPassage, ConfiguredByDeployer], {
  error: (issue) =>
    typeof issue.input === "object" && issue.input !== null && "configuredBy" in issue.input
      ? `a value the deployer configured is ${BY_DEPLOYER_EXAMPLE}, with the day it was checked with the service`
      : `expected ${FROM_SEED_EXAMPLE}, or ${BY_DEPLOYER_EXAMPLE} for a value the deployer checked with the service`,
});
export type ValueSource = z.infer<typeof ValueSource>;

/** The fields of a contact that a practitioner acts on, so each must say where it comes from. */
export const TRACED_FIELDS = ["phone", "email", "hours", "hoursNote"] as const;
export type TracedField = (typeof TRACED_FIELDS)[number];

const FIELD_WORDS: Record<TracedField, string> = { phone: "a phone number", email: "a mailbox", hours: "opening hours", hoursNote: "an hours note" };

export const ContactSource = z.strictObject({
  phone: ValueSource.optional(),
  email: ValueSource.optional(),
  hours: ValueSource.optional(),
  hoursNote: ValueSource.optional(),
});
export type ContactSource = z.infer<typeof ContactSource>;

export const AreaContact = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "expected a kebab-case id" }),
    service: z.enum(AREA_SERVICES),
    name: z.string().min(1),
    phone: ukPhone.optional(),
    email: z.email({ error: "expected an email address" }).optional(),
    hours: ContactHours.optional(),
    /**
     * What the source says about when it is answered, where that is not a weekly window we can
     * judge open or closed by (seed 002: Phoenix's mailbox is "checked daily Monday to Friday").
     */
    hoursNote: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
    /** Where each of phone, email, hours and hoursNote comes from. */
    source: ContactSource.optional(),
  })
  .refine((contact) => contact.phone !== undefined || contact.email !== undefined, {
    error: "a contact needs a phone or an email",
  })
  .refine((contact) => contact.hours === undefined || contact.hoursNote === undefined, {
    error: 'give "hours" (a weekly window) or "hoursNote" (words from the source), not both',
    path: ["hoursNote"],
  })
  .superRefine((contact, ctx) => {
    for (const field of TRACED_FIELDS) {
      const given = contact[field] !== undefined;
      const traced = contact.source?.[field] !== undefined;
      if (given && !traced) {
        ctx.addIssue({
          code: "custom",
          path: ["source", field],
          message: `contact "${contact.id}" gives ${FIELD_WORDS[field]} but not where it comes from: add "source": { "${field}": ${FROM_SEED_EXAMPLE} }, or ${BY_DEPLOYER_EXAMPLE} once you have checked it with the service`,
        });
      } else if (traced && !given) {
        ctx.addIssue({
          code: "custom",
          path: ["source", field],
          message: `contact "${contact.id}" has no "${field}", so there is nothing for this source to vouch for`,
        });
      }
    }
  });
export type AreaContact = z.infer<typeof AreaContact>;

const categoryLabel = z.string().min(1).optional();

export const Area = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "expected a kebab-case id" }),
  name: z.string().min(1),
  /** Starts the area's referral references, e.g. "KIN" in KIN-2026-00042; unique across areas (DOMAIN.md §8). */
  referenceCode: ReferenceCode,
  frontDoor: z.strictObject({
    /** Short name practitioners use: "SPA", "MASH". */
    kind: z.string().min(1),
    name: z.string().min(1),
  }),
  /** The area's own name for each category, where it has one (DOMAIN.md §4 "Local names"). */
  localLabels: z.strictObject({ "0": categoryLabel, "1": categoryLabel, "2": categoryLabel, "3": categoryLabel }),
  contacts: z.array(AreaContact),
  /** Said in place of contacts when the seeds give none (DOMAIN.md §6: never invent a number). */
  noContactsNote: z.string().min(1).optional(),
  phoenix: z.strictObject({ minAge: z.int().min(0), maxAge: z.int().max(25) }).optional(),
  /**
   * DOMAIN.md §9 "MASE or MACE": the area's own word for its multi-agency meeting. MASE in the seeds;
   * many London boroughs have held a MACE (criminal and sexual exploitation) since 2021.
   */
  meeting: z.union(
    [
      z.enum(["MASE", "MACE"]),
      z.strictObject({
        /** The word on cards and buttons: "MASE", "MACE". */
        short: z.string().regex(/^[A-Z][A-Za-z]{1,9}$/, { error: "expected a short word starting with a capital, such as MACE" }),
        /** What it stands for, said beside the word the first time: "Multi-Agency Sexual Exploitation meeting". */
        long: z.string().trim().min(1, { error: "expected what the word stands for, such as Multi-Agency Child Exploitation meeting" }).max(100),
      }),
    ],
    { error: 'expected { "short": "MACE", "long": "Multi-Agency Child Exploitation meeting" } (a short word of capitals and what it stands for), or "MASE" or "MACE": the area\'s word for its multi-agency exploitation meeting' },
  ),
  /**
   * DOMAIN.md §9 review reminders: every how many days a referral decided for a strategy
   * discussion, a section 47 enquiry or the area's multi-agency meeting is reviewed (Sutton: every
   * 3 months, seed 003; Lambeth: monthly, seed 000). None where the area's documents give none.
   */
  reviewEveryDays: z.int().min(1).max(366).optional(),
  /** Where reviewEveryDays comes from: the area's seed, or the deployer and the day they checked it. */
  reviewSource: ValueSource.optional(),
  /** The seed documents the details come from, e.g. "002". */
  sources: z.array(z.string()),
}).superRefine((area, ctx) => {
  if (area.reviewEveryDays !== undefined && area.reviewSource === undefined) {
    ctx.addIssue({ code: "custom", path: ["reviewSource"], message: `reviewEveryDays needs a reviewSource: ${FROM_SEED_EXAMPLE}, or ${BY_DEPLOYER_EXAMPLE}` });
  }
  if (area.reviewSource !== undefined && "seed" in area.reviewSource && !area.sources.includes(area.reviewSource.seed)) {
    ctx.addIssue({ code: "custom", path: ["reviewSource", "seed"], message: `seed "${area.reviewSource.seed}" is not one of this area's sources` });
  }
  const frontDoor = area.contacts.filter((contact) => contact.service === "front-door");
  if (frontDoor.length === 0 && area.noContactsNote === undefined) {
    ctx.addIssue({ code: "custom", path: ["noContactsNote"], message: "an area with no front-door contact must say so in noContactsNote" });
  }
  if (area.phoenix !== undefined && !area.contacts.some((contact) => contact.service === "phoenix")) {
    ctx.addIssue({ code: "custom", path: ["phoenix"], message: "an area with a Phoenix service needs a contact with service \"phoenix\"" });
  }
  // A passage must come from this area's own documents, not from another area's seed.
  area.contacts.forEach((contact, index) => {
    for (const field of TRACED_FIELDS) {
      const source = contact.source?.[field];
      if (source === undefined || !("seed" in source) || area.sources.includes(source.seed)) continue;
      ctx.addIssue({
        code: "custom",
        path: ["contacts", index, "source", field, "seed"],
        message: `contact "${contact.id}": seed "${source.seed}" is not one of this area's sources (${area.sources.map((seed) => `"${seed}"`).join(", ") || "none"})`,
      });
    }
  });
});
export type Area = z.infer<typeof Area>;

const MEETING_NAMES = { MASE: "Multi-Agency Sexual Exploitation meeting", MACE: "Multi-Agency Child Exploitation meeting" } as const;

/** The area's multi-agency meeting in its own words: `word` "MASE", `name` "Multi-Agency Sexual Exploitation meeting". */
export function meetingOf(area: Pick<Area, "meeting">): { readonly word: string; readonly name: string } {
  return typeof area.meeting === "string" ? { word: area.meeting, name: MEETING_NAMES[area.meeting] } : { word: area.meeting.short, name: area.meeting.long };
}

/** The area's word for its meeting ("MACE"), or none where no area is known (the seeds' MASE is said then). */
export function meetingWordOf(area: Pick<Area, "meeting"> | undefined): string | undefined {
  return area === undefined ? undefined : meetingOf(area).word;
}

/**
 * Words written for the seeds' MASE, in the area's own (DOMAIN.md §9 "MASE or MACE"): "For MASE (the
 * Multi-Agency Sexual Exploitation meeting)" reads "For MACE (the Multi-Agency Child Exploitation
 * meeting)" where the area's file says MACE. Unchanged where no area is known.
 */
export function inAreaMeetingWords(text: string, area: { readonly meeting?: Area["meeting"] | undefined } | undefined): string {
  if (area?.meeting === undefined) return text;
  const { word, name } = meetingOf({ meeting: area.meeting });
  return text.replaceAll(MEETING_NAMES.MASE, name).replace(/\bMASE\b/g, word);
}
