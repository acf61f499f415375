// ZaitakuCommunication: a team message; ZaitakuMessageReceipt: one reader's read/acknowledge receipt.
// Threads: see the comment on the extension communication-thread (extensions.fsh) for why the thread is
// an Identifier extension and not Communication.partOf / an inResponseTo chain.

Profile: ZaitakuCommunication
Parent: Communication
Id: zaitaku-communication
Title: "チーム内連絡 / Zaitaku team message"
Description: """
在宅療養チーム内の連絡（報告・連絡・相談・依頼・申し送りなど）。種別・スレッド・送信者・宛先・本文は必須。
写真や PDF は payload.contentAttachment（または DocumentReference への参照）で添付する。返信は inResponseTo で直前の連絡を指し、
スレッドIDは最初の連絡と同じ値を持つ。

A message in a home-care team (report, contact, consultation, request, handover ...). Category, thread, sender,
recipients and content are required. Photos and PDFs go into payload.contentAttachment (or a DocumentReference).
A reply points to its parent with inResponseTo and repeats the thread id of the first message.
"""
* insert ZtMeta
* obeys zt-com-1
* extension contains ZaitakuCommunicationThread named thread 1..1 MS
* extension[thread] ^short = "スレッドID / Thread id"
* status MS
* status ^short = "状態（サーバーが管理） / Status (server-controlled)"
* category 1..1 MS
* category from ZaitakuMessageCategoryVS (required)
* category ^short = "連絡の種別（報告・連絡・相談・依頼・申し送り…） / Message category"
* priority MS
* priority ^short = "緊急度（urgent 以上は通知） / Priority (urgent and above are pushed)"
* subject 1..1 MS
* subject only Reference(Patient)
* subject ^short = "療養者 / The patient"
* topic MS
* topic ^short = "件名 / Subject line"
* about MS
* about ^short = "関連するリソース（計画・訪問・依頼など） / Related plan, visit, request"
* sent 1..1 MS
* sent ^short = "送信日時（サーバーが設定） / Time sent (set by the server)"
* sender 1..1 MS
* sender only Reference(PractitionerRole or Practitioner or RelatedPerson or Patient or Device)
* sender ^short = "送信者 / Sender"
* recipient 1..* MS
* recipient only Reference(CareTeam or PractitionerRole or Practitioner or RelatedPerson or Patient or Organization)
* recipient ^short = "宛先（チームまたはその参加者） / Recipients (the team or its members)"
* medium MS
* inResponseTo MS
* inResponseTo only Reference(Communication)
* inResponseTo ^short = "返信元の連絡 / The message this one replies to"
* payload 1..* MS
* payload ^short = "本文・添付 / Text and attachments"
* payload.content[x] ^short = "本文（文字列）または添付（画像・PDF） / Text or attachment"

Invariant: zt-com-1
Description: "スレッドIDが記録されている。 / A thread id is present."
Severity: #error
Expression: "extension('https://zaitaku-fhir.github.io/ig/StructureDefinition/communication-thread').value.ofType(Identifier).where(system.exists() and value.exists()).count() = 1"

Profile: ZaitakuMessageReceipt
Parent: Communication
Id: zaitaku-message-receipt
Title: "既読通知 / Zaitaku read receipt"
Description: """
チーム内連絡1件に対する、読み手1人の既読・了解・対応状況。元の連絡を変更しないため、別リソースとして記録する。

One reader's read / acknowledge / done status for one team message, kept separate so the message itself never changes.
"""
* insert ZtMeta
* . ^short = "既読通知 / Read receipt"
* extension contains
    ZaitakuReceiptStatus named receiptStatus 1..1 MS and
    ZaitakuCommunicationThread named thread 0..1 MS
* extension[receiptStatus] ^short = "既読・対応状況 / Receipt status"
* extension[thread] ^short = "元の連絡のスレッドID / Thread id of the message"
* status MS
* category 1..1 MS
* category = $MessageCategory#receipt
* category ^short = "既読・確認（固定） / Receipt (fixed)"
* subject 1..1 MS
* subject only Reference(Patient)
* inResponseTo 1..1 MS
* inResponseTo only Reference(Communication)
* inResponseTo ^short = "対象の連絡 / The message read"
* sent 1..1 MS
* sent ^short = "既読にした日時 / Time read"
* sender 1..1 MS
* sender only Reference(PractitionerRole or Practitioner or RelatedPerson or Patient)
* sender ^short = "読み手 / The reader"
