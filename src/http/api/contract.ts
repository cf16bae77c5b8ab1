// The tab's API under /api/v1: every request the routes read and every answer they give, as zod
// schemas with their types derived from them. The routes (src/http/api) parse requests with these
// and build answers that satisfy them; the tab (tab/src) imports the types only, so nothing of the
// server is bundled for the browser. test/http/api-contract.test.ts parses real answers with them.
import { z } from "zod";
import { FLAGS } from "../../domain/category.ts";
import { LIST_GROUPS } from "../../domain/referral-fields.ts";
import { TRIAGE_STATUSES } from "../../domain/triage.ts";
import { CHECK_VERBS } from "../../services/check-service.ts";
import { REFERRAL_SECTIONS } from "../../services/referral-draft.ts";
import { LINK_KINDS } from "../../services/mase-insight-keys.ts";
import { ANSWER_LIMIT, TRIAGE_VERBS } from "../../services/triage-service.ts";

// ---- Shared pieces ----------------------------------------------------------------------------

/** Lists are read-only: the routes send what the views built, and the tab never changes them. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

/** The one error shape of every failure. */
export const ApiErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) });
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
export type ApiError = ApiErrorBody["error"];

/** A list's page: at most `limit` items from the cursor a previous page gave. */
export const Page = {
  limit: z.coerce.number({ error: "expected a number" }).int({ error: "expected a whole number" }).min(1, { error: "at least 1" }).max(100, { error: "at most 100" }).default(25),
  cursor: z.string().regex(/^\d{1,4}$/, { error: "expected the cursor a previous page gave" }).optional(),
};
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: list(item), total: z.number(), nextCursor: z.string().optional() });

const Option = z.object({ value: z.string(), title: z.string() });
export type Option = z.infer<typeof Option>;

export const Contact = z.object({ name: z.string(), phone: z.string(), phoneLink: z.string(), email: z.string(), hours: z.string(), status: z.string(), note: z.string().optional() });
export type Contact = z.infer<typeof Contact>;
/** An area's contacts as every view shows them (DOMAIN.md §6: the night route first when nothing is open). */
export const ContactSection = z.object({ heading: z.string(), intro: z.string(), contacts: list(Contact), note: z.string() });
export type ContactSection = z.infer<typeof ContactSection>;

const Line = z.object({ label: z.string(), value: z.string() });
/** A referral's typed fields, read-only, by section as the review card shows them. */
export const ReadOnlySection = z.object({
  title: z.string(),
  groups: list(z.object({ title: z.string(), lines: list(Line) })),
  entries: list(z.object({ title: z.string(), lines: list(Line) })),
});
export type ReadOnlySection = z.infer<typeof ReadOnlySection>;

// ---- Sign-in, guidance, signs ------------------------------------------------------------------

export const LocalUsersAnswer = z.object({ users: list(z.object({ id: z.string(), name: z.string(), description: z.string().optional() })) });
export type LocalUsersAnswer = z.infer<typeof LocalUsersAnswer>;

/** A triage lead's area, with its word for its multi-agency meeting and what it stands for (DOMAIN.md §9 "MASE or MACE"). */
export const MeArea = z.object({ id: z.string(), name: z.string(), meeting: z.object({ word: z.string(), name: z.string() }) });
export type MeArea = z.infer<typeof MeArea>;
export const MeAnswer = z.object({ name: z.string(), local: z.boolean(), triageAreas: list(MeArea) });
export type MeAnswer = z.infer<typeof MeAnswer>;

export const GuidanceQuery = z.strictObject({ q: z.string().max(200, { error: "at most 200 characters" }).optional(), ...Page });
export const GuidanceItem = z.object({ id: z.string(), title: z.string(), topic: z.string(), body: z.string(), source: z.string(), related: list(z.string()).optional() });
export type GuidanceItem = z.infer<typeof GuidanceItem>;
export const GuidanceAnswer = pageOf(GuidanceItem);
export type GuidanceAnswer = z.infer<typeof GuidanceAnswer>;

export const SignArea = z.object({ id: z.string(), letter: z.string(), title: z.string(), signs: list(z.object({ label: z.string(), looksLike: z.string() })), source: z.string() });
export type SignArea = z.infer<typeof SignArea>;
export const SignsAnswer = z.object({ areas: list(SignArea) });
export type SignsAnswer = z.infer<typeof SignsAnswer>;

// ---- The guided check ---------------------------------------------------------------------------

export const SessionId = z.string().uuid({ error: "expected a check id" });
const Inputs = z.record(z.string().max(100), z.string().max(5_000, { error: "at most 5,000 characters" })).default({});
export const CheckBody = z.strictObject({
  version: z.number({ error: "expected the version the page showed" }).int().positive(),
  verb: z.enum(CHECK_VERBS, { error: `expected one of ${CHECK_VERBS.join(", ")}` }),
  inputs: Inputs,
});
export type CheckBody = z.input<typeof CheckBody>;

const Question = z.object({ id: z.string(), text: z.string(), answer: z.string(), error: z.string() });
const Step = z.object({ number: z.number(), urgencyText: z.string(), serviceName: z.string(), text: z.string(), contacts: list(Contact), note: z.string() });
const CheckField = z.object({ value: z.string(), error: z.string(), number: z.union([z.number(), z.literal("")]).optional() });
/** The context step's inputs by id, each with what was typed and its problem; the danger question among them. */
const CheckFields = z.record(z.string(), z.union([Question, CheckField])) as unknown as z.ZodType<Readonly<Record<string, z.infer<typeof CheckField>>> & { readonly immediateDanger?: z.infer<typeof Question> }>;

/** The step's card data, as cards/check-*.json show it: the fields the tab reads. */
export const CheckCardData = z.object({
  progress: z.string(),
  notice: z.string(),
  areas: list(Option).optional(),
  fields: CheckFields.optional(),
  domains: list(z.object({ id: z.string(), letter: z.string(), title: z.string(), selected: z.string(), signs: list(z.object({ id: z.string(), label: z.string() })) })).optional(),
  questions: list(Question).optional(),
  followUps: list(Question).optional(),
  // The result
  areaName: z.string().optional(),
  offences: list(z.object({ title: z.string(), text: z.string() })).optional(),
  categoryText: z.string().optional(),
  categoryMeaning: z.string().optional(),
  localLabel: z.string().optional(),
  unconfirmed: z.string().optional(),
  flags: list(z.object({ title: z.string(), text: z.string() })).optional(),
  firstSteps: list(Step).optional(),
  laterSteps: list(Step).optional(),
  alwaysDo: list(z.object({ id: z.string(), text: z.string() })).optional(),
  notices: z.string().optional(),
  noticesInBrief: z.string().optional(),
  source: z.string().optional(),
});
export type CheckCardData = z.infer<typeof CheckCardData>;
export type CheckQuestion = z.infer<typeof Question>;
export type CheckStep = z.infer<typeof Step>;

export const CheckAnswer = z.object({ checkId: z.string(), version: z.number(), step: z.enum(["context", "signs", "questions", "result"]), card: CheckCardData });
export type CheckAnswer = z.infer<typeof CheckAnswer>;

// ---- The referral form --------------------------------------------------------------------------

export const DraftId = z.string().uuid({ error: "expected a referral draft id" });
export const StartDraftBody = z.strictObject({ checkId: SessionId });
export const DRAFT_VERBS = ["referral.section", "referral.review", "referral.edit", "referral.add", "referral.remove", "referral.submit"] as const;
/** The sections of the form a page can ask for: every section but the review. */
export const FORM_SECTIONS = REFERRAL_SECTIONS.filter((section): section is Exclude<(typeof REFERRAL_SECTIONS)[number], "review"> => section !== "review");
export const DraftBody = z.strictObject({
  version: z.number({ error: "expected the version the page showed" }).int().positive(),
  verb: z.enum(DRAFT_VERBS, { error: `expected one of ${DRAFT_VERBS.join(", ")}` }),
  section: z.enum(FORM_SECTIONS, { error: "expected a section of the form" }).optional(),
  group: z.enum(LIST_GROUPS, { error: `expected one of ${LIST_GROUPS.join(", ")}` }).optional(),
  index: z.number().int().min(0).max(19).optional(),
  shown: z.strictObject({ from: z.number().int().min(0).max(20), to: z.number().int().min(0).max(20) }, { error: "expected the entries the page showed, { from, to }" }).optional(),
  inputs: Inputs,
});
export type DraftBody = z.input<typeof DraftBody>;

/** A referral field as the server describes it: label, hint, kind, limits, choices, what was typed, its problem. */
export const FieldData = z.object({
  id: z.string(),
  kind: z.enum(["text", "multiline", "email", "phone", "date", "number", "choice"]),
  label: z.string(),
  hint: z.string(),
  error: z.string(),
  value: z.string(),
  maxLength: z.number(),
  min: z.number(),
  max: z.number(),
  choices: list(Option),
  required: z.boolean(),
  /** "Day/month/year, such as 02/03/2011" for a date, read day first. */
  placeholder: z.string().optional(),
});
export type FieldData = z.infer<typeof FieldData>;

const Issue = z.object({ field: z.string(), message: z.string() });
export const FormStage = z.object({
  stage: z.literal("form"),
  draftId: z.string(),
  version: z.number(),
  notice: z.string(),
  section: z.string(),
  sections: list(z.object({ id: z.string(), title: z.string(), issues: z.number() })),
  carried: list(z.string()),
  fields: list(FieldData),
  list: z.object({ group: z.enum(LIST_GROUPS), add: z.string(), entries: list(z.object({ title: z.string(), index: z.number(), fields: list(FieldData) })), max: z.number(), full: z.string() }).nullable(),
  issues: list(Issue),
});
export type FormStage = z.infer<typeof FormStage>;
export const ReviewStage = z.object({ stage: z.literal("review"), draftId: z.string(), version: z.number(), carried: list(z.string()), review: list(ReadOnlySection.extend({ section: z.string() })) });
export type ReviewStage = z.infer<typeof ReviewStage>;
/** The confirmation, as cards/referral-sent.json shows it. */
export const SentCardData = z.object({ reference: z.string(), areaName: z.string(), where: z.string(), warnings: list(z.object({ text: z.string() })), sections: list(ContactSection), noContact: z.string() });
export type SentCardData = z.infer<typeof SentCardData>;
export const SentStage = z.object({ stage: z.literal("sent"), referralId: z.string(), sent: SentCardData });
export type SentStage = z.infer<typeof SentStage>;
export const DraftAnswer = z.discriminatedUnion("stage", [FormStage, ReviewStage, SentStage]);
export type DraftAnswer = z.infer<typeof DraftAnswer>;

// ---- Referrals: mine, the board, a referral, triage actions ---------------------------------------

export const ReferralId = z.string().uuid({ error: "expected a referral id" });
export const MineQuery = z.strictObject({ view: z.literal("mine"), ...Page });
export const BoardQuery = z.strictObject({
  view: z.literal("board"),
  area: z.string().max(50).optional(),
  status: z.enum(TRIAGE_STATUSES, { error: `expected one of ${TRIAGE_STATUSES.join(", ")}` }).optional(),
  category: z.enum(["0", "1", "2", "3"], { error: "expected 0, 1, 2 or 3" }).optional(),
  flag: z.enum(FLAGS, { error: `expected one of ${FLAGS.join(", ")}` }).optional(),
  overdue: z.enum(["true", "false"], { error: "expected true or false" }).optional(),
  /** `due`: only referrals whose review date (DOMAIN.md §9 review reminders) has come. */
  review: z.enum(["due"], { error: "expected due" }).optional(),
  ...Page,
});
export const ListQuery = z.discriminatedUnion("view", [MineQuery, BoardQuery], { error: "view: expected mine or board" });
export const CsvQuery = z.strictObject({ area: z.string().max(50).optional() });
export const InsightQuery = z.strictObject({
  area: z.string().max(50).optional(),
  months: z.coerce.number({ error: "expected a number" }).int({ error: "expected a whole number" }).min(1, { error: "at least 1" }).max(24, { error: "at most 24" }).default(12),
});
export const ActionBody = z.strictObject({
  version: z.number({ error: "expected the version the page showed" }).int().positive(),
  verb: z.enum(TRIAGE_VERBS, { error: `expected one of ${TRIAGE_VERBS.join(", ")}` }),
  inputs: z.record(z.string(), z.string().max(5_000, { error: "at most 5,000 characters" })).default({}),
});
export type ActionBody = z.input<typeof ActionBody>;
export const AnswerBody = z.strictObject({ answer: z.string({ error: "expected text" }).max(ANSWER_LIMIT, { error: `at most ${ANSWER_LIMIT} characters` }) });
export type AnswerBody = z.input<typeof AnswerBody>;

/** Where a referral is (DOMAIN.md §8), and until it is delivered the front door's contacts. */
const Delivery = { delivered: z.boolean(), deliveryText: z.string() };

export const MineItem = z.object({
  ...Delivery,
  id: z.string(),
  reference: z.string(),
  areaName: z.string(),
  submittedAt: z.string(),
  submittedText: z.string(),
  status: z.string(),
  statusText: z.string(),
  categoryText: z.string(),
  waitingForYou: z.boolean(),
});
export type MineItem = z.infer<typeof MineItem>;
export const MineAnswer = pageOf(MineItem);
export type MineAnswer = z.infer<typeof MineAnswer>;

export const BoardItem = z.object({
  id: z.string(),
  reference: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  submittedAt: z.string(),
  submittedText: z.string(),
  status: z.string(),
  statusText: z.string(),
  category: z.union([z.number(), z.string()]),
  categoryText: z.string(),
  flags: list(z.object({ id: z.string(), title: z.string() })),
  ageBand: z.string(),
  assignee: z.string().nullable(),
  dueBy: z.string().nullable(),
  dueText: z.string(),
  overdue: z.boolean(),
  /** DOMAIN.md §9 review reminders: when the next review is due, if one is; its time in words; whether it has come. */
  reviewDue: z.string().nullable(),
  reviewText: z.string(),
  reviewOverdue: z.boolean(),
});
export type BoardItem = z.infer<typeof BoardItem>;
export const BoardAnswer = pageOf(BoardItem);
export type BoardAnswer = z.infer<typeof BoardAnswer>;

export const BoardFiltersAnswer = z.object({ statuses: list(Option), categories: list(Option), flags: list(Option) });
export type BoardFiltersAnswer = z.infer<typeof BoardFiltersAnswer>;

/** A referral as its referrer sees it. */
export const MyReferralAnswer = z.object({
  view: z.literal("mine"),
  id: z.string(),
  reference: z.string(),
  areaName: z.string(),
  status: z.string(),
  statusText: z.string(),
  submittedText: z.string(),
  ...Delivery,
  contactSections: list(ContactSection),
  updates: list(z.object({ at: z.string(), text: z.string() })),
  question: z.string().nullable(),
  sections: list(ReadOnlySection).nullable(),
  purged: z.string(),
});
export type MyReferralAnswer = z.infer<typeof MyReferralAnswer>;

/** The channel card's facts and actions, as the board shows them beside the referral. */
export const TriageCardData = z.object({
  categoryLine: z.string(),
  offences: list(z.object({ text: z.string() })),
  urgencyText: z.string(),
  facts: list(z.object({ title: z.string(), value: z.string() })),
  assignee: z.string(),
  actions: list(z.object({ verb: z.string(), title: z.string() })),
  canAssignTo: z.boolean(),
  colleagues: list(Option),
  canAsk: z.boolean(),
  canDecide: z.boolean(),
  outcomes: list(Option),
});
export type TriageCardData = z.infer<typeof TriageCardData>;
export const Carried = z.object({ areaName: z.string(), ageText: z.string(), resultLines: list(z.string()), checkedText: z.string().optional() });
export const HistoryLine = z.object({ when: z.string(), text: z.string(), said: z.string().optional() });

/** A referral as a triage member of its area sees it. */
export const TriageReferralAnswer = z.object({
  view: z.literal("triage"),
  id: z.string(),
  reference: z.string(),
  version: z.number(),
  areaId: z.string(),
  areaName: z.string(),
  status: z.string(),
  statusText: z.string(),
  note: z.string(),
  card: TriageCardData,
  carried: Carried,
  sections: list(ReadOnlySection).nullable(),
  purged: z.string(),
  history: list(HistoryLine),
  earlier: list(z.string()),
});
export type TriageReferralAnswer = z.infer<typeof TriageReferralAnswer>;
export const ReferralAnswer = z.discriminatedUnion("view", [MyReferralAnswer, TriageReferralAnswer]);

export const AnsweredAnswer = z.object({ status: z.string(), message: z.string() });
export type AnsweredAnswer = z.infer<typeof AnsweredAnswer>;

// ---- MASE insight -------------------------------------------------------------------------------

const Counts = z.record(z.string(), z.number());
export const InsightMonth = z.object({ month: z.string(), total: z.number(), byCategory: Counts, byFlag: Counts, byOutcome: Counts, byAgency: Counts });
export type InsightMonth = z.infer<typeof InsightMonth>;
export const InsightLink = z.object({
  kind: z.enum(LINK_KINDS),
  value: z.string(),
  why: z.string(),
  referrals: list(z.object({ id: z.string(), reference: z.string() })),
});
export type InsightLink = z.infer<typeof InsightLink>;
export const InsightAnswer = z.object({ links: list(InsightLink), monthly: list(InsightMonth), counts: z.object({ referrals: z.number(), purged: z.number() }) });
export type InsightAnswer = z.infer<typeof InsightAnswer>;
