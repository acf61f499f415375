// Extensions of the Zaitaku home-care IG.

Extension: ZaitakuParticipantCoverage
Id: careteam-participant-coverage
Title: "参加者の対応時間・オンコール連絡先 / Participant coverage and on-call contact"
Description: """
チーム参加者が対応できる時間帯（平日日中、夜間・休日のオンコール等）と、その時間帯の連絡先。
R5 の CareTeam.participant.coverage[x]（Period | Timing）に倣い、R4 で連絡先と呼出順位を加えたもの。
1人の参加者に複数付けられる（例：平日日中と夜間オンコールを別々に）。

When a team member is available (weekday hours, night/holiday on-call ...) and how to reach them then.
Follows the pattern of R5 CareTeam.participant.coverage[x] (Period | Timing) and adds the contact point and
the on-call rank. Repeat it for each window.
"""
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "CareTeam.participant"
* extension contains
    coverage 1..1 MS and
    onCall 0..1 MS and
    contact 0..* MS and
    rank 0..1 MS and
    note 0..1
* extension[coverage] ^short = "対応時間帯 / When the member covers (R5 participant.coverage[x])"
* extension[coverage].value[x] only Timing or Period
* extension[onCall] ^short = "オンコール（夜間・休日の呼出対応）か / Whether this window is on-call"
* extension[onCall].value[x] only boolean
* extension[contact] ^short = "この時間帯の連絡先 / Contact point for this window"
* extension[contact].value[x] only ContactPoint
* extension[rank] ^short = "呼出順位（1 = ファーストコール） / On-call rank (1 = first call)"
* extension[rank].value[x] only positiveInt
* extension[note] ^short = "補足 / Note"
* extension[note].value[x] only string
* value[x] 0..0

Extension: ZaitakuFamilyVisibility
Id: careteam-family-visibility
Title: "家族に見せる範囲 / What family members see"
Description: """
このチームの家族（参加者の RelatedPerson）が療養者について閲覧できるリソースの種類（resourceType）と、見られる・書けるチーム内連絡の
種別（messageCategory）。付けないチーム、または片方を省いたチームには、サーバの既定（設定 zaitaku.access.family-readable-types /
family-message-categories）が使われる。職員名簿（Practitioner、Organization など）は常に閲覧できる。家族が複数のチームに参加して
いれば、各チームが許すものの和。変更は次のリクエストから効く。

Which resource types about the patient the family members on this team (RelatedPerson participants) may read,
and which team-message categories they see and may write. A team without it, or without one of the two
lists, gets the server's defaults (settings zaitaku.access.family-readable-types / family-message-categories).
The directory (Practitioner, Organization ...) is always readable. A family member on several teams sees
what any of them allows. A change applies from the next request.
"""
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "CareTeam"
* extension contains
    resourceType 0..* MS and
    messageCategory 0..* MS
* extension[resourceType] ^short = "家族が閲覧できるリソースの種類 / A resource type family may read"
* extension[resourceType].value[x] only code
* extension[resourceType].value[x] from http://hl7.org/fhir/ValueSet/resource-types (required)
* extension[messageCategory] ^short = "家族が見られる連絡の種別 / A team-message category family sees"
* extension[messageCategory].value[x] only code
* extension[messageCategory].value[x] from ZaitakuMessageCategoryAllVS (required)
* value[x] 0..0

Extension: ZaitakuParticipationStatus
Id: careteam-participation-status
Title: "チームへの参加状況 / Participation status"
Description: """
参加者の参加状況（参加中・一時停止・終了）。入院中は薬局・ヘルパー等を「一時停止」でチームに残し、退院時に再連携する。
未指定は参加中（active）とみなす。

Participation status of a team member (active, paused, ended). Absent means active.
"""
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "CareTeam.participant"
* value[x] only code
* value[x] 1..1
* value[x] from ZaitakuParticipationStatusVS (required)

// Thread of a team message.
// Decision: a dedicated extension carrying an Identifier (a urn:uuid shared by every message of the
// thread), not Communication.partOf and not a chain of inResponseTo:
//  - R4 Communication.partOf means "part of this event" (a procedure, a larger communication) and
//    references any resource; reusing it for threads would clash with that meaning.
//  - inResponseTo points only to the direct parent, so reading a whole thread needs a recursive walk,
//    and the first message of a thread has no parent at all.
//  - an Identifier can be minted by the client for the first message (no round trip for the server id),
//    is copied unchanged into every reply, and is searched with one token search (SearchParameter
//    communication-thread). inResponseTo is still used for the direct reply relation.
Extension: ZaitakuCommunicationThread
Id: communication-thread
Title: "連絡のスレッド / Message thread"
Description: """
連絡（Communication）が属するスレッドの識別子。スレッドの最初の連絡で urn:uuid を採番し、返信はすべて同じ値を持つ。

Identifier of the thread a team message belongs to: a urn:uuid minted with the first message and copied into every reply.
"""
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "Communication"
* value[x] only Identifier
* value[x] 1..1
* valueIdentifier.system 1..1
* valueIdentifier.system = $ThreadId (exactly)
* valueIdentifier.value 1..1
* valueIdentifier.value ^short = "スレッドID（urn:uuid） / Thread id (urn:uuid)"

Extension: ZaitakuReceiptStatus
Id: receipt-status
Title: "既読・対応状況 / Receipt status"
Description: "既読通知が表す、読み手の既読・対応状況。 / The reader's status carried by a read receipt."
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "Communication"
* value[x] only code
* value[x] 1..1
* value[x] from ZaitakuReceiptStatusVS (required)

Extension: ZaitakuPreferredPlaceOfCare
Id: preferred-place-of-care
Title: "希望する療養場所 / Preferred place of care"
Description: "本人が希望する療養の場所（計画、人生会議の同意に記録）。 / Where the patient wishes to be cared for (on a plan or an ACP consent)."
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "CarePlan"
* ^context[+].type = #element
* ^context[=].expression = "Consent"
* value[x] only CodeableConcept
* value[x] 1..1
* value[x] from ZaitakuPlaceOfCareVS (extensible)

Extension: ZaitakuPreferredPlaceOfDeath
Id: preferred-place-of-death
Title: "希望する最期の場所 / Preferred place of death"
Description: "本人が希望する最期を迎える場所（計画、人生会議の同意に記録）。 / Where the patient wishes to die (on a plan or an ACP consent)."
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "CarePlan"
* ^context[+].type = #element
* ^context[=].expression = "Consent"
* value[x] only CodeableConcept
* value[x] 1..1
* value[x] from ZaitakuPlaceOfCareVS (extensible)

Extension: ZaitakuAdvanceCarePlanning
Id: advance-care-planning
Title: "人生会議（ACP） / Advance care planning"
Description: """
人生会議（ACP）の状況、直近の話し合いの日、記録、代理意思決定者。

Status of advance care planning (人生会議), date of the last discussion, its record and the proxy decision maker.
"""
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "CarePlan"
* extension contains
    status 1..1 MS and
    lastDiscussed 0..1 MS and
    record 0..* MS and
    proxyDecisionMaker 0..1 MS
* extension[status] ^short = "ACP の状況 / ACP status"
* extension[status].value[x] only CodeableConcept
* extension[status].value[x] from ZaitakuAcpStatusVS (required)
* extension[lastDiscussed] ^short = "直近の話し合いの日 / Date of the last discussion"
* extension[lastDiscussed].value[x] only dateTime
* extension[record] ^short = "ACP の記録 / Record of the discussion"
* extension[record].value[x] only Reference(DocumentReference or Consent)
* extension[proxyDecisionMaker] ^short = "代理意思決定者 / Proxy decision maker"
* extension[proxyDecisionMaker].value[x] only Reference(RelatedPerson)
* value[x] 0..0

Extension: ZaitakuBackupBed
Id: backup-bed
Title: "後方支援病床の確保 / Back-up bed arrangement"
Description: """
急変時・レスパイト等に入院できる後方支援病床を確保しているか、その医療機関。

Whether a back-up hospital bed (for acute deterioration or respite) has been arranged, and where.
"""
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "CarePlan"
* extension contains
    arranged 1..1 MS and
    facility 0..1 MS and
    note 0..1
* extension[arranged] ^short = "確保済みか / Arranged"
* extension[arranged].value[x] only boolean
* extension[facility] ^short = "受入医療機関 / Receiving facility"
* extension[facility].value[x] only Reference(Organization or HealthcareService or Location)
* extension[note] ^short = "補足（受入条件など） / Note"
* extension[note].value[x] only string
* value[x] 0..0
