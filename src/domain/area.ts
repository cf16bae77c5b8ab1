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
  })
  .refine((contact) => contact.phone !== undefined || contact.email !== undefined, {
    error: "a contact needs a phone or an email",
  })
  .refine((contact) => contact.hours === undefined || contact.hoursNote === undefined, {
    error: 'give "hours" (a weekly window) or "hoursNote" (words from the source), not both',
    path: ["hoursNote"],
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
  /** The seed documents the details come from, e.g. "002". */
  sources: z.array(z.string()),
}).superRefine((area, ctx) => {
  const frontDoor = area.contacts.filter((contact) => contact.service === "front-door");
  if (frontDoor.length === 0 && area.noContactsNote === undefined) {
    ctx.addIssue({ code: "custom", path: ["noContactsNote"], message: "an area with no front-door contact must say so in noContactsNote" });
  }
  if (area.phoenix !== undefined && !area.contacts.some((contact) => contact.service === "phoenix")) {
    ctx.addIssue({ code: "custom", path: ["phoenix"], message: "an area with a Phoenix service needs a contact with service \"phoenix\"" });
  }
});
export type Area = z.infer<typeof Area>;
