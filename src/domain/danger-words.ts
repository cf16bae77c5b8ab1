// The shape of content/danger-words.yaml (DESIGN.md "Questions": danger first): the reviewed list
// of words and phrases that mean a child may be at risk now or a crime may have happened.
import { z } from "zod";

export const POLICE_ROUTES = ["evidence", "now", "missing", "none"] as const;
export type PoliceRoute = (typeof POLICE_ROUTES)[number];

export const URGENT_ADVICE_IDS = ["sarc", "family", "do-not-pay", "report-remove", "missing"] as const;
export type UrgentAdviceId = (typeof URGENT_ADVICE_IDS)[number];

/** What else a message must say for an entry to count: named word groups, and two read from the text. */
export const NEED_IDS = ["child-under-13", "child-under-16", "child-under-18", "adult", "much-older", "family", "threat", "coercion", "exchange", "images", "staff"] as const;
export type NeedId = (typeof NEED_IDS)[number];

// A phrase is words of letters and digits, each optionally ending in *, or ".." (a short gap).
const PHRASE = /^(?:\.\.|[\p{L}\p{N}£]+\*?)(?: (?:\.\.|[\p{L}\p{N}£]+\*?))*$/u;
const phrase = z
  .string({ error: "expected a phrase" })
  .transform((text) => text.trim().toLowerCase().replace(/\s+/g, " "))
  .refine((text) => PHRASE.test(text) && !text.startsWith("..") && !text.endsWith(".."), {
    error: (issue) => `expected words of letters and digits, a word may end in *, ".." only between words (e.g. "sold .. for sex"); got ${JSON.stringify(issue.input)}`,
  });
const phrases = z.array(phrase, { error: "expected a list of phrases" }).min(1, { error: "list at least one phrase" });

export const DangerEntry = z.strictObject({
  id: z.string({ error: "missing" }).regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a kebab-case id such as "missing"' }),
  means: z.string({ error: "missing" }).trim().min(1),
  police: z.enum(POLICE_ROUTES),
  images: z.boolean(),
  advice: z.array(z.enum(URGENT_ADVICE_IDS)),
  guidance: z.string({ error: "missing" }).min(1),
  guidanceUnder13: z.string().min(1).optional(),
  needs: z.array(z.enum(NEED_IDS)).min(1).optional(),
  /** With `needs`: the message must also say one of these (an adult with a child under 16, say). */
  alsoNeeds: z.array(z.enum(NEED_IDS)).min(1).optional(),
  within: z.int().positive().optional(),
  unless: phrases.optional(),
  except: phrases.optional(),
  phrases,
});
export type DangerEntry = z.infer<typeof DangerEntry>;

export const DangerWords = z.strictObject({
  groups: z.strictObject({ adult: phrases, family: phrases, threat: phrases, coercion: phrases, exchange: phrases, images: phrases, staff: phrases }),
  entries: z.array(DangerEntry).min(1),
});
export type DangerWords = z.infer<typeof DangerWords>;
