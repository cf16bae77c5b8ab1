// At the end of the retention period the words of a referral's history are erased, who did what
// and when kept: a review's note (DOMAIN.md §9 review reminders) is such words too.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ERASED_TEXT, eraseEventWords } from "../../src/services/referral-retention.ts";
import { createReferralCrypto } from "../../src/store/referral-crypto.ts";

const crypto = createReferralCrypto(randomBytes(32));
const aad = "referral:r1:event";

describe("erasing the words of a purged referral's history", () => {
  it("erases a review's note, keeping who recorded it", () => {
    const sealed = crypto.sealJson({ actorName: "Sam Lead", note: "Seen with her aunt at the MASE meeting." }, { aad });
    const erased = eraseEventWords(crypto)("r1", { referralId: "r1", at: new Date(), actorId: "msteams:sam", type: "reviewed", sealedDetails: sealed });
    expect(crypto.openJson(erased!, { aad })).toEqual({ actorName: "Sam Lead", note: ERASED_TEXT });
  });
});
