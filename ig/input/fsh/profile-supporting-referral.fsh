// Referrals: ZaitakuServiceRequest says what is asked for, ZaitakuTask tracks who accepted it and where it stands
// (requested -> received -> accepted / rejected -> in-progress -> completed / cancelled), after HL7 SDOH Clinical Care.

Profile: ZaitakuServiceRequest
Parent: ServiceRequest
Id: zaitaku-servicerequest
Title: "紹介・依頼 / Zaitaku referral"
Description: """
在宅療養での紹介・依頼（訪問看護の開始、訪問歯科、訪問栄養、かかりつけ薬局への再連携、後方支援病床への入院など）。依頼の種類は
referral-type。依頼先（performer）を空にすると、対応できる事業所に開かれた依頼になる。進み具合は ZaitakuTask で追う。

A referral in home care (start visiting nursing, home dental care, nutrition, reconnecting the regular pharmacy,
back-up bed admission ...). The kind comes from referral-type. An empty performer makes an open referral for any
capable service. Its progress is tracked with a ZaitakuTask.
"""
* insert ZtMeta
* . ^short = "紹介・依頼 / Referral"
* identifier MS
* status MS
* intent MS
* intent ^short = "order（依頼）・proposal（提案） / order or proposal"
* priority MS
* code 1..1 MS
* code from ZaitakuReferralTypeVS (extensible)
* code ^short = "依頼の種類 / Kind of referral"
* subject 1..1 MS
* subject only Reference(Patient)
* subject ^short = "療養者 / The patient"
* encounter MS
* encounter ^short = "依頼のもとになった入院・訪問 / Admission or visit the referral comes from"
* occurrence[x] MS
* occurrence[x] ^short = "希望する開始日・期間（退院日など） / Wanted start or period (e.g. discharge date)"
* authoredOn MS
* requester 1..1 MS
* requester ^short = "依頼者（病院の MSW、調整役など） / Requester (hospital MSW, coordinator ...)"
* performerType MS
* performerType ^short = "依頼先の職種 / Profession asked for"
* performer MS
* performer ^short = "依頼先（空なら開かれた依頼） / Who is asked (empty = open referral)"
* locationCode MS
* locationCode ^short = "実施場所（自宅は v3 RoleCode PTRES） / Where (home = v3 RoleCode PTRES)"
* reasonCode MS
* reasonReference MS
* supportingInfo MS
* supportingInfo ^short = "添付情報（診療情報提供書・看護サマリーなど） / Supporting documents"
* note MS

Profile: ZaitakuTask
Parent: Task
Id: zaitaku-task
Title: "依頼の進み具合 / Zaitaku referral task"
Description: """
紹介・依頼（ZaitakuServiceRequest）1件の受付・受諾・実施の状況。依頼先が受諾すると owner に入り、status が accepted になる。
断るときは statusReason に理由を記録する（依頼者が次の依頼先を探せるように）。初回訪問などの結果は output に入れる。

Where one referral (ZaitakuServiceRequest) stands. When the receiver accepts, it becomes owner and status accepted.
A rejection records its reason in statusReason so the requester can look for another provider. Results such as the
first visit go into output.
"""
* insert ZtMeta
* . ^short = "依頼の進み具合 / Referral task"
* obeys zt-task-1
* status MS
* status ^short = "状態（requested→received→accepted／rejected→in-progress→completed） / Status"
* statusReason MS
* statusReason ^short = "断った理由・取り消した理由 / Reason for rejection or cancellation"
* businessStatus MS
* businessStatus ^short = "業務上の状況（例：初回訪問日調整中） / Business status (e.g. arranging the first visit)"
* intent MS
* code MS
* code ^short = "fulfill（依頼の実施） / fulfill"
* focus 1..1 MS
* focus only Reference(ServiceRequest)
* focus ^short = "対象の依頼 / The referral"
* for 1..1 MS
* for only Reference(Patient)
* for ^short = "療養者 / The patient"
* authoredOn MS
* lastModified MS
* requester 1..1 MS
* requester ^short = "依頼者 / Requester"
* owner MS
* owner ^short = "受諾した事業所・担当者 / Who accepted"
* note MS
* output MS
* output ^short = "結果（初回訪問の Encounter、報告書など） / Results (first visit, report)"

Invariant: zt-task-1
Description: "断った依頼（rejected）には理由（statusReason）がある。 / A rejected referral states the reason."
Severity: #error
Expression: "status = 'rejected' implies statusReason.exists()"
