// The views the tab's API sends, as a port: the same views the bot's cards show, built in
// src/cards (api-views.ts there) and handed over by the composition root, so that src/http does not
// import src/cards and a card's data and the tab's page cannot drift apart.
import type { Area } from "../../domain/area.ts";
import type { DomainId } from "../../domain/catalogue.ts";
import type { Referral } from "../../domain/referral.ts";
import type { CheckView } from "../../services/check-service.ts";
import type { DraftView, Sent } from "../../services/referral-service.ts";
import type { DetailsOutcome } from "../../services/triage-service.ts";
import type { CheckCardData, ContactSection, FormStage, ReadOnlySection, ReviewStage, SentCardData, SignArea, TriageReferralAnswer } from "./contract.ts";

export type ApiViews = {
  readonly checkCard: (view: CheckView, notice: string) => CheckCardData;
  readonly signArea: (domain: DomainId) => Omit<SignArea, "id">;
  readonly referralForm: (view: DraftView, notice: string) => FormStage;
  readonly referralReview: (view: DraftView) => ReviewStage;
  readonly referralSent: (sent: Sent) => SentCardData;
  readonly readOnlySections: (referral: Referral) => ReadOnlySection[];
  readonly triage: (details: Extract<DetailsOutcome, { kind: "details" }>, now: Date, note: string | undefined) => Pick<TriageReferralAnswer, "card" | "carried" | "history" | "earlier">;
  readonly frontDoorContacts: (area: Area, at: Date) => ContactSection[];
};
