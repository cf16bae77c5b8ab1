// The SAFEGUARD warning signs and the threshold questions (DOMAIN.md §2-3).
// Ids are stable: cards, stored sessions and referrals refer to them.
// Labels and "what this can look like" lines are in the project's own words.

export const DOMAINS = [
  { id: "sexual", letter: "S", title: "Sexual health and behaviour" },
  { id: "absent", letter: "A", title: "Absent from school or repeatedly running away" },
  { id: "familial", letter: "F", title: "Familial abuse and/or problems at home" },
  { id: "emotional", letter: "E", title: "Emotional and physical condition" },
  { id: "gangs", letter: "G", title: "Gangs, older age groups and involvement in crime" },
  { id: "technology", letter: "U", title: "Use of technology and sexual bullying" },
  { id: "alcohol", letter: "A", title: "Alcohol and drug misuse" },
  { id: "receipt", letter: "R", title: "Receipt of unexplained gifts or money" },
  { id: "distrust", letter: "D", title: "Distrust of authority figures" },
] as const;

export type DomainId = (typeof DOMAINS)[number]["id"];

type Indicator = {
  readonly id: `${DomainId}.${string}`;
  readonly label: string;
  readonly looksLike: string;
  /** Where the sign comes from: L = Lambeth risk matrix (seed 000), KR = Kingston & Richmond (seed 002), H = Havering (seed 001). */
  readonly seed: string;
};

export const INDICATORS = [
  { id: "sexual.sti", label: "Sexually transmitted infections, especially repeat infections", looksLike: "Repeat visits to a sexual-health clinic, or an infection that does not fit what you know of the child's life.", seed: "KR, L7" },
  { id: "sexual.pregnancy", label: "Pregnancy, miscarriage or seeking a termination", looksLike: "A pregnancy test, a termination or a miscarriage, especially if the child will not say who the other person is.", seed: "KR, L6" },
  { id: "sexual.behaviourChange", label: "Sexualised behaviour that is out of character or not appropriate for age", looksLike: "Sexual talk, dress or behaviour that is new for this child, or beyond what you would expect at their age.", seed: "KR, L10-11, H" },
  { id: "sexual.unsafeContext", label: "Exploring sexual relationships in an unsafe context", looksLike: "Sex with people they hardly know, at parties, in cars or in places where adults are present.", seed: "KR" },
  { id: "sexual.disclosedAssault", label: "Disclosed rape or sexual assault, including one later retracted", looksLike: "The child has told someone about a rape or assault, even if they later said it did not happen.", seed: "L8" },
  { id: "sexual.activeUnder13", label: "A child under 13 known or thought to be sexually active", looksLike: "Anything that suggests sexual activity by a child aged 12 or younger: what they say, a health finding, or what others report.", seed: "L42" },
  { id: "absent.truancy", label: "Truancy, absence or disengagement from education, including during the school day", looksLike: "Missed lessons, leaving at lunchtime and not coming back, or a sudden drop in attendance or effort.", seed: "KR, L9" },
  { id: "absent.missingFromHome", label: "Missing from home or care, especially repeat episodes", looksLike: "The child has been reported missing, or has gone missing from home or placement more than once.", seed: "KR, L40" },
  { id: "absent.outOfArea", label: "Found, or travelling, outside their area when missing", looksLike: "Found in another town or borough with no reason to be there, or talks of trips they cannot explain.", seed: "KR, L45" },
  { id: "absent.lateOrOvernight", label: "Staying out overnight or returning late with no plausible explanation", looksLike: "Coming home in the early hours, or staying out all night, with a story that does not add up.", seed: "L40" },
  { id: "absent.returnsCaredFor", label: "Returns from missing looking well cared for although whereabouts unknown", looksLike: "Comes back clean, fed and in new clothes after days away, yet will not say where they were.", seed: "L41" },
  { id: "familial.abuseHistory", label: "History of sexual, physical or emotional abuse or neglect", looksLike: "Past child-protection concerns, earlier abuse, or neglect known to your service or others.", seed: "KR, L50" },
  { id: "familial.domesticAbuse", label: "Domestic abuse in the home", looksLike: "Violence, threats or control between adults at home, reported or seen.", seed: "KR, L53" },
  { id: "familial.parentalNeeds", label: "Parental substance misuse, mental ill-health, learning difficulty or criminality", looksLike: "A parent or carer whose drinking, drug use, mental health, learning needs or offending limits how they can protect the child.", seed: "KR, L48-49" },
  { id: "familial.inCare", label: "Looked after, placement breakdown, or temporary accommodation", looksLike: "In care, recently moved placement, or living in a hostel, B&B or other temporary home.", seed: "KR, L30, L33" },
  { id: "familial.forcedMarriageHbv", label: "Forced marriage, so-called honour-based violence or female genital mutilation (FGM)", looksLike: "Talk of a marriage being arranged against their will, threats over family honour, or a risk of FGM.", seed: "KR" },
  { id: "familial.lossOrHomelessness", label: "Bereavement, homelessness or sofa-surfing", looksLike: "A recent death in the family, or moving between friends' sofas with no settled home.", seed: "KR, L54" },
  { id: "familial.conflict", label: "Hostility or breakdown in the relationship with parents or carers", looksLike: "Frequent rows, being thrown out, or parents saying they cannot cope with the child.", seed: "L31" },
  { id: "emotional.selfHarm", label: "Self-harm, suicidal thoughts, plans or attempts", looksLike: "Cutting or other self-injury, talk of not wanting to live, or an overdose.", seed: "KR, L3" },
  { id: "emotional.lowSelfEsteem", label: "Low self-esteem, confidence or self-worth", looksLike: "Says they are worthless or unloved, or seeks approval from anyone who offers it.", seed: "KR, L29" },
  { id: "emotional.mentalHealth", label: "Changing emotional wellbeing, mood swings, signs of poor mental health", looksLike: "Withdrawn, anxious, tearful or angry in a way that is new, or rapid swings in mood.", seed: "KR, H, L12" },
  { id: "emotional.injuries", label: "Unexplained injuries or physical symptoms", looksLike: "Bruises, marks or pain with no believable explanation, or explanations that change.", seed: "KR, L5" },
  { id: "emotional.appearance", label: "Sudden change in appearance, trying to look older or younger", looksLike: "New make-up, clothes or hair that make the child look much older, or younger, than they are.", seed: "KR, L46-47" },
  { id: "emotional.learningDisability", label: "Learning difficulty or disability", looksLike: "A learning difficulty or disability that makes it harder for the child to recognise risk or tell someone.", seed: "KR, L2" },
  { id: "emotional.eatingOrFatigue", label: "Eating disorder or chronic fatigue", looksLike: "Not eating, bingeing, or constant tiredness that affects school and daily life.", seed: "L1, L3" },
  { id: "gangs.involvement", label: "Involved with, or affected by, gangs (self, family or peers)", looksLike: "Gang names, colours or talk; a sibling or friend in a gang; fear of a group in the area.", seed: "KR, L19, L35" },
  { id: "gangs.olderPartner", label: "Relationship with an older boyfriend or girlfriend, or unexplained relationships with older adults", looksLike: "A much older 'boyfriend' or 'girlfriend', or adults the family does not know who seem to matter a lot to the child.", seed: "KR, H, L38, L43" },
  { id: "gangs.vehicles", label: "Getting into or out of vehicles driven by unknown adults", looksLike: "Picked up or dropped off near school or home by cars or taxis with drivers nobody knows.", seed: "L20" },
  { id: "gangs.peersAtRisk", label: "Friends or associates who are being sexually exploited", looksLike: "Friends who are known to be exploited, or who go missing with this child.", seed: "KR, H, L21" },
  { id: "gangs.crime", label: "Involvement in crime, drug running or county lines", looksLike: "Arrests, carrying drugs or cash for others, or travelling to other towns to sell drugs.", seed: "KR, L19" },
  { id: "gangs.loitering", label: "Adults or older peers loitering near home, school or placement", looksLike: "The same adults or older young people hanging around outside the school gate, home or placement.", seed: "L34" },
  { id: "gangs.hotelsParties", label: "Going to hotels or parties with unknown others", looksLike: "Talk of hotel rooms, flats or 'parties' with adults or older peers they do not really know.", seed: "L22" },
  { id: "technology.sexting", label: "Sending or receiving sexual images or messages", looksLike: "Nude or sexual images or messages sent, received or shared, by the child or about them.", seed: "KR, H" },
  { id: "technology.secretive", label: "Secretive or excessive phone, internet or social-media use; multiple or secret profiles", looksLike: "Hides the screen, has a second phone, several accounts, or is online through the night.", seed: "KR, L13-14, L18" },
  { id: "technology.namedOnline", label: "Named or listed on social media or in videos in relation to sexual activity", looksLike: "The child is named, rated or shown in posts, group chats or videos about sex.", seed: "KR" },
  { id: "technology.onlineControl", label: "Bullying, threats or control through phone or internet", looksLike: "Threats to share images, constant checking-up messages, or being told where to go and when.", seed: "KR, L16" },
  { id: "technology.unknownContacts", label: "Unknown 'friends' or adult contacts online; adult websites", looksLike: "Online 'friends' the child has never met, adult contacts, or visits to adult or dating sites.", seed: "L15, L17" },
  { id: "alcohol.misuse", label: "Drug or alcohol misuse", looksLike: "Arriving drunk or high, smelling of alcohol or cannabis, or talking about using.", seed: "KR, H, L4" },
  { id: "alcohol.changingUse", label: "Increasing or changing use of substances", looksLike: "Using more, more often, or moving to different drugs.", seed: "KR" },
  { id: "alcohol.supplied", label: "Given alcohol, drugs or cigarettes by others", looksLike: "Alcohol, drugs or cigarettes supplied free by adults or older peers.", seed: "L61" },
  { id: "receipt.moneyOrGoods", label: "Unexplained money, phones, clothes, jewellery or other items", looksLike: "New phones, trainers, jewellery or cash the family could not have bought and the child cannot explain.", seed: "KR, L57-59" },
  { id: "receipt.freeServices", label: "Free phone credit, takeaway food, taxis, nights out with no explanation", looksLike: "Someone else pays for their phone credit, food, taxis or nights out.", seed: "KR, L60, L62" },
  { id: "receipt.debts", label: "Gifts that must be 'paid back', worries about debts", looksLike: "Told they owe someone for gifts, drugs or favours, or frightened about a debt.", seed: "KR" },
  { id: "receipt.forSex", label: "Known to receive money or goods for sexual activity", looksLike: "Known or reported to be given money, drugs, goods or somewhere to stay in return for sex.", seed: "L28, L63" },
  { id: "distrust.resistsProfessionals", label: "Resists talking to parents, carers, teachers, social workers, health staff or police", looksLike: "Refuses to talk, gives rehearsed answers, or says professionals cannot help.", seed: "KR" },
  { id: "distrust.disengaging", label: "Disengaging from services or age-appropriate activities", looksLike: "Drops out of clubs, sport, youth services or appointments they used to attend.", seed: "L32" },
  { id: "distrust.hostility", label: "Hostility or aggression towards parents, carers or staff", looksLike: "New anger or aggression at home, at school or towards workers.", seed: "L31, L36" },
] as const satisfies readonly Indicator[];

export type SignId = (typeof INDICATORS)[number]["id"];
export const SIGN_IDS = INDICATORS.map((indicator) => indicator.id) as readonly SignId[] as readonly [SignId, ...SignId[]];

export function domainOf(sign: SignId): DomainId {
  return sign.slice(0, sign.indexOf(".")) as DomainId;
}

export const ANSWERS = ["yes", "no", "unsure"] as const;
export type Answer = (typeof ANSWERS)[number];

/** When a question is asked: always, only for a child under 13, or only once there is evidence of exploitation. */
export type QuestionCondition = "always" | "under13" | "exploitationEvidence";

export const QUESTIONS = [
  // DOMAIN.md §3 gives each question's meaning; these are its words for a narrow card (issue 9).
  { id: "immediateDanger", askWhen: "always", text: "Is the child in immediate danger, or at risk of immediate harm, right now?" },
  { id: "sexualActivityUnder13", askWhen: "under13", text: "Is there any sign the child has been involved in sexual activity?" },
  { id: "groomingConcern", askWhen: "always", text: "Are you worried someone may be targeting, befriending or grooming the child for sex, online or in person?" },
  // DOMAIN.md §5: for an adult the words are about "the person", never "the child".
  { id: "sexualAbuse", askWhen: "always", text: "Has the child said, or is there any sign, that they were raped or sexually assaulted, or (if under 16) had sexual contact with an adult or much older person?", adultText: "Has the person said, or is there any sign, that they were raped or sexually assaulted?" },
  { id: "exchange", askWhen: "always", text: "Has the child been given or promised something (money, gifts, drugs, alcohol, a place to stay, affection, status, protection) in exchange for sexual activity, or does someone else gain money or status from it?" },
  { id: "onlineImages", askWhen: "always", text: "Has the child been persuaded, pressured or forced to share sexual images or do sexual things online, with or without a reward?" },
  { id: "trafficking", askWhen: "always", text: "Has the child been moved or taken to another town, area or country for sexual activity?", adultText: "Has the person been moved or taken to another town, area or country for sexual activity?" },
  { id: "coercionControl", askWhen: "exploitationEvidence", text: "Is there evidence of coercion, control, threats or intimidation?" },
  { id: "habitual", askWhen: "exploitationEvidence", text: "Does the exploitation look ongoing: a repeated pattern rather than one incident?" },
  { id: "selfDenied", askWhen: "exploitationEvidence", text: "Does the child deny it, or not see it as exploitation (for example, calls the person a boyfriend or girlfriend)?" },
  { id: "multiplePerpetrators", askWhen: "exploitationEvidence", text: "Are several people, a group, gang or network involved?" },
] as const satisfies readonly { id: string; askWhen: QuestionCondition; text: string; adultText?: string }[];

export type QuestionId = (typeof QUESTIONS)[number]["id"];
export const QUESTION_IDS = QUESTIONS.map((question) => question.id) as readonly QuestionId[] as readonly [QuestionId, ...QuestionId[]];
