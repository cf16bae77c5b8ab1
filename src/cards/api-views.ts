// What the tab's API shows, built by the same views as the bot's cards: a check's step, the signs,
// the referral form section by section, its review and confirmation, a referral's channel card and
// details. The API (src/http/api) declares what it needs as a port (ApiViews in api-views.ts) and the
// composition root hands it these, so src/http never imports src/cards. Each answer is typed by
// the API's contract (src/http/api/contract.ts), which the tab reads too.
import type { Areas } from "../content/load-areas.ts";
import { inAreaMeetingWords, type Area } from "../domain/area.ts";
import type { DomainId } from "../domain/catalogue.ts";
import { maxEntriesOf } from "../domain/referral-fields.ts";
import type { Referral } from "../domain/referral.ts";
import type { CheckView } from "../services/check-service.ts";
import { draftValuesOf } from "../services/referral-draft.ts";
import type { DraftView, Sent } from "../services/referral-service.ts";
import type { DetailsOutcome } from "../services/triage-service.ts";
import type { CheckCardData, ContactSection, FormStage, ReadOnlySection, ReviewStage, SentCardData, SignArea, TriageCardData, TriageReferralAnswer } from "../http/api/contract.ts";
import { areaContactsSections } from "./area-contacts-view.ts";
import { checkCard } from "./check-views.ts";
import { signsDomainCard } from "./menu-views.ts";
import { channelViewOf, detailsViewOf } from "./referral-channel-data.ts";
import { referralChannelCard } from "./referral-channel-views.ts";
import { inputData } from "./referral-inputs.ts";
import { sectionsOf } from "./referral-review-views.ts";
import { carriedLines, carriedOf, ENTRY_WORDS, fieldsIn, fullListWords, isListGroup, REFERRAL_CARD_SECTIONS, SECTION_WORDS, type ReferralSection } from "./referral-sections.ts";
import { referralSentCard, sentViewOf } from "./referral-sent-views.ts";
import { sectionOfIssue } from "../services/referral-draft.ts";
import { addEntryWords } from "../words/api-messages.ts";

export function createApiViews(areas: Areas) {
  const carriedOfDraft = (state: DraftView["state"]) => carriedLines(carriedOf(state.fromCheck, areas.get(state.fromCheck.area)?.name ?? state.fromCheck.area, state.checkedAt)).map((line) => line.text);

  /** DOMAIN.md §9 "MASE or MACE": the form's MASE parts in the word of the area the check was for. */
  const inAreaWords = (areaId: string) => (text: string) => inAreaMeetingWords(text, areas.get(areaId));
  const titledIn = <T extends { title: string }>(words: (text: string) => string) => (item: T): T => ({ ...item, title: words(item.title) });

  /** A referral's typed fields, read-only, by section as the review card shows them; empty sections left out. */
  function readOnlySections(referral: Referral): ReadOnlySection[] {
    const { values, entries } = draftValuesOf(referral);
    return sectionsOf({ draftId: "", version: 0, section: "essentials", values, issues: [], entries, carried: undefined }, "other")
      .map((section) => ({ title: inAreaWords(referral.fromCheck.area)(section.title), groups: section.groups.map(titledIn(inAreaWords(referral.fromCheck.area))), entries: section.entries }))
      .filter((section) => section.groups.length > 0 || section.entries.length > 0);
  }

  return {
    checkCard: (view: CheckView, notice: string): CheckCardData => checkCard(view, areas, notice).data as CheckCardData,

    signArea: (domain: DomainId): Omit<SignArea, "id"> => signsDomainCard(domain).data as Omit<SignArea, "id">,

    /** The form for the draft's section: its fields (each entry's, in a list), what was typed, each problem beside its field. */
    referralForm(view: DraftView, notice: string): FormStage {
      const { state } = view;
      const section: ReferralSection = state.section === "review" ? "essentials" : state.section;
      const issueOf = (id: string) => view.issues.find((issue) => issue.field === id)?.message ?? "";
      const fieldsOf = (prefix: (group: string) => string) => fieldsIn(section).map((field) => {
        const id = `${prefix(field.group)}.${field.key}`;
        // Marked required only when always required: "email or phone" and "only if you chose no" say so in their hints.
        return { ...inputData(field, id, state.values[id], issueOf(id)), required: field.required && field.or === undefined && field.when === undefined };
      });
      const entries = isListGroup(section)
        ? Array.from({ length: state.entries[section] }, (_, index) => ({ title: `${ENTRY_WORDS[section].one} ${index + 1}`, index, fields: fieldsOf((group) => `${group}.${index}`) }))
        : [];
      return {
        draftId: view.draftId,
        version: view.version,
        stage: "form",
        notice,
        section,
        sections: REFERRAL_CARD_SECTIONS.map((id) => ({ id, title: inAreaWords(state.fromCheck.area)(SECTION_WORDS[id].title), issues: view.issues.filter((issue) => sectionOfIssue(issue.field) === id).length })),
        carried: carriedOfDraft(state),
        fields: isListGroup(section) ? [] : fieldsOf((group) => group),
        list: isListGroup(section) ? { group: section, add: addEntryWords(ENTRY_WORDS[section].a), entries, max: maxEntriesOf(section), full: fullListWords(section) } : null,
        issues: view.issues,
      };
    },

    referralReview(view: DraftView): ReviewStage {
      const { state } = view;
      const sections = sectionsOf({ draftId: view.draftId, version: view.version, section: "essentials", values: state.values, issues: [], entries: state.entries, carried: undefined });
      return {
        draftId: view.draftId,
        version: view.version,
        stage: "review",
        carried: carriedOfDraft(state),
        review: sections.map((section) => ({ section: section.section, title: inAreaWords(state.fromCheck.area)(section.title), groups: section.groups.map(titledIn(inAreaWords(state.fromCheck.area))), entries: section.entries })),
      };
    },

    referralSent: (sent: Sent): SentCardData => referralSentCard(sentViewOf(sent)).data as SentCardData,

    readOnlySections,

    /** A triage member's view: the channel card's facts and actions, the referral's carried check, history and earlier referrals. */
    triage(details: Extract<DetailsOutcome, { kind: "details" }>, now: Date, note: string | undefined): Pick<TriageReferralAnswer, "card" | "carried" | "history" | "earlier"> {
      const view = detailsViewOf(details, areas, now);
      const card = referralChannelCard(channelViewOf(details.record, areas, now, note, details.people)).data as TriageCardData;
      return {
        card: {
          categoryLine: card.categoryLine,
          offences: card.offences,
          urgencyText: card.urgencyText,
          facts: card.facts,
          assignee: card.assignee,
          actions: card.actions,
          canAssignTo: card.canAssignTo,
          colleagues: card.colleagues,
          canAsk: card.canAsk,
          canDecide: card.canDecide,
          outcomes: card.outcomes,
        },
        carried: view.carried,
        history: view.history,
        earlier: view.earlier,
      };
    },

    /** The front door's contacts as every view shows them (night route first when nothing is open). */
    frontDoorContacts: (area: Area, at: Date): ContactSection[] => areaContactsSections(area, at, false, true),
  };
}
