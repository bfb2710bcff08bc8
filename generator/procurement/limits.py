"""The procurement law's time limits and thresholds, in one place, each with the
provision it comes from (anskaffelsesforskriften, FOA, part III). The FOA section numbers were
checked against directive 2014/24/EU art. 34 and Norwegian guidance, not against
Lovdata's text: treat them as references, and correct them here if they differ."""

from __future__ import annotations

# How every period in days is counted: it starts the day after the event, and when
# its last day is a Saturday, Sunday or public holiday it ends at the end of the
# next working day. Regulation (EEC, Euratom) No 1182/71 art. 3 nr. 3 and 4, made
# Norwegian law by forskrift 4. desember 1992 nr. 910 om tidsfrister i EØS-avtalen,
# and applied to every time limit in procurement through FOA § 7-6 (the government's
# guidance on time limits says so: «Alle frister i anskaffelsesregelverket skal
# beregnes i samsvar med forskrift om tidsfrister i EØS-avtalen»).
TIME_LIMITS_RULE = "forskrift om tidsfrister i EØS-avtalen (forordning 1182/71 art. 3 nr. 4)"

# Requests to participate, first round: at least 30 days from the notice.
REQUEST_WINDOW_DAYS = 30
REQUEST_WINDOW_RULE = "FOA § 26-5 (1), jf. direktiv 2014/24/EU art. 34 nr. 2 a"

# Evaluation of a request: 10 working days, 15 where justified and recorded.
DECISION_WORKING_DAYS = 10
DECISION_EXTENDED_WORKING_DAYS = 15
DECISION_RULE = "FOA § 26-5 (3), jf. direktiv 2014/24/EU art. 34 nr. 5"
# Until the invitation to the first call-off is sent, the evaluation may be extended
# beyond 15 working days (the first phase). Directive 2014/24/EU art. 34 nr. 5
# annet ledd; the Norwegian wording was not found in the texts at hand, so the
# reference is to FOA § 26-5 with the directive (check in Lovdata).
FIRST_PHASE_RULE = "FOA § 26-5, jf. direktiv 2014/24/EU art. 34 nr. 5 annet ledd"

# Invitation to a specific contract: every supplier admitted to the category.
INVITE_ALL_RULE = "FOA § 26-6 (1), jf. direktiv 2014/24/EU art. 34 nr. 6"

# After admission: the contracting authority may at any time during the DPS ask an
# admitted supplier to submit a renewed and updated self-declaration (ESPD) within
# five working days of the request. Directive 2014/24/EU art. 34 nr. 7; the FOA
# paragraph in §§ 26-4–26-7 that carries it was not verified against Lovdata.
ESPD_RENEWAL_WORKING_DAYS = 5
ESPD_RENEWAL_RULE = "FOA § 26-5, jf. direktiv 2014/24/EU art. 34 nr. 7"

# An admitted supplier may be excluded later, when a ground for exclusion arises or
# comes to light (FOA §§ 24-2 and 24-3 apply throughout the procedure); from that
# day it is no longer admitted and is not invited to call-offs.
EXCLUSION_RULE = "FOA § 24-2 og § 24-3, jf. § 26-6 (1)"

# Time limit for tenders in a call-off: at least 10 days from the invitation.
TENDER_PERIOD_DAYS = 10
TENDER_PERIOD_RULE = "FOA § 26-5 (2), jf. direktiv 2014/24/EU art. 34 nr. 2 b"

# Award criteria: lowest price, lowest cost or best price-quality ratio.
AWARD_CRITERIA_RULE = "FOA § 18-1"

# The award criteria of contracts under a DPS are stated in its notice; the
# invitation to a call-off may formulate them more precisely, not change them.
# Directive 2014/24/EU art. 34 nr. 6 annet ledd (the FOA paragraph not verified
# against Lovdata).
DPS_CRITERIA_RULE = "FOA § 26-6 (2), jf. direktiv 2014/24/EU art. 34 nr. 6"

# Additional information (questions about the documents): provided it was asked in
# good time, the answer is given to every tenderer alike, at the latest six days
# before the tender deadline. Directive 2014/24/EU art. 53 nr. 2. A question counts
# as asked in good time when it arrives before the last day for the answer: the
# marketplace's reading, as the law gives no number of days.
QUESTION_ANSWER_DAYS = 6
# The Norwegian section that carries art. 53 nr. 2 over was not found in the texts
# at hand, so the reference names the part of FOA and the directive.
QUESTION_RULE = "FOA del III, jf. direktiv 2014/24/EU art. 53 nr. 2"

# Climate and environment (in force 1 January 2024): where award criteria are used,
# climate and environmental considerations weigh at least 30 %, unless the
# specification's requirements clearly take better care of them (fourth paragraph)
# or the procurement's climate and environmental footprint is insignificant (fifth
# paragraph), justified in the procurement documents.
CLIMATE_WEIGHT_PERCENT = 30
CLIMATE_RULE = "FOA § 7-9"

# Standstill (karensperiode): not required for contracts under a DPS, but a buyer
# may choose one (it protects the contract against being declared ineffective).
# When chosen, it lasts at least ten days from the day after the award decision was
# sent, and the contract is signed only after it ends.
STANDSTILL_MIN_DAYS = 10
# (The section number is from the regulation's chapter on concluding the competition,
# not checked against Lovdata's text.)
STANDSTILL_RULE = "FOA § 25-2, jf. klagedirektivet 89/665/EØF art. 2a og 2b"

# Each contract under a DPS is announced within 30 days of signing; or, when the
# DPS says so, the notices are grouped per quarter and sent within 30 days after
# the quarter ends. The grouping is directive 2014/24/EU art. 50 nr. 3 annet ledd;
# the Norwegian provision that carries it over was not found in the texts at hand
# (check FOA § 21-6 in Lovdata before relying on the reference).
AWARD_NOTICE_DAYS = 30
AWARD_NOTICE_RULE = "FOA § 21-6"
GROUPED_NOTICE_RULE = "FOA § 21-6, jf. direktiv 2014/24/EU art. 50 nr. 3 annet ledd"

# Thresholds (terskelverdier): the DPS procedure belongs to part III, above the EEA
# thresholds. The amounts and the period they apply from are data
# (generator/data/thresholds.yaml, `reference.thresholds_on`), with their source.

# The indicative maximum value of a DPS: reaching it needs a new notice.
CEILING_WARNING_SHARE = 0.80
CEILING_RULE = "FOA § 26-4, kunngjort anslått maksimalverdi"

# A DPS is used only while valid, and only for its category.
VALIDITY_RULE = "FOA § 26-4 (2)"
