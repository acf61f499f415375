// ZaitakuCareTeam: the home-care team around one patient. Membership drives access control.

Profile: ZaitakuCareTeam
Parent: CareTeam
Id: zaitaku-careteam
Title: "在宅療養チーム / Zaitaku CareTeam"
Description: """
在宅療養者1人を支える多職種チーム。医師・歯科医師・訪問看護師・薬剤師・管理栄養士・リハビリ職・介護支援専門員・
訪問介護員・MSW・家族（RelatedPerson）・本人（Patient）が参加者となる。各参加者は role にチーム内の役割（必須）と
職種（任意）を持つ。調整役（coordinator、通常は介護支援専門員）はチームに1名だけ。対応時間・オンコール連絡先は
拡張 careteam-participant-coverage で表す。

The multi-professional team around one home-care patient. Every participant has its team function (required)
and its profession (optional) as separate roles. Exactly one active coordinator, usually the care manager.
Each member's hours and on-call contact use the extension careteam-participant-coverage.
"""
* insert ZtMeta
* obeys zt-ct-1 and zt-ct-2 and zt-ct-3
* status 1..1 MS
* status ^short = "チームの状態 / Team status"
* category 1..* MS
* category from ZaitakuCareTeamCategoryVS (extensible)
* category ^short = "チームの種類（LOINC） / Kind of team (LOINC)"
* name MS
* name ^short = "チーム名（例：練馬花子さん 在宅チーム） / Team name"
* subject 1..1 MS
* subject only Reference(Patient)
* subject ^short = "療養者 / The patient"
* period MS
* managingOrganization 1..1 MS
* managingOrganization ^short = "調整役の所属事業所 / The coordinator's organization"
* telecom MS
* telecom ^short = "チームの代表連絡先（24時間窓口など） / Team contact (e.g. 24-h number)"
* extension contains ZaitakuFamilyVisibility named familyVisibility 0..1 MS
* extension[familyVisibility] ^short = "家族に見せる範囲（未指定はサーバの既定） / What family members see (absent: server defaults)"
* participant 1..* MS
* participant ^short = "チームの参加者 / Team participants"
* participant.extension contains
    ZaitakuParticipationStatus named participationStatus 0..1 MS and
    ZaitakuParticipantCoverage named coverage 0..* MS
* participant.extension[participationStatus] ^short = "参加状況（未指定は参加中） / Participation status (absent = active)"
* participant.extension[coverage] ^short = "対応時間・オンコール連絡先 / Hours and on-call contact"
* participant.role 1..* MS
* participant.role from ZaitakuCareTeamParticipantRoleVS (required)
* participant.role ^short = "チーム内の役割（必須）と職種（任意） / Team function (required) and profession (optional)"
* participant.role ^definition = """
チーム内の役割（careteam-role）を1つ必ず持ち、職種（JP Core 職種コードまたは本 IG の profession）を別の role として持てる。
Exactly one role from careteam-role states the function in this team; another role may carry the profession
(a JP Core JP_PractitionerRole_CS code or one of this IG's professions).
"""
* participant.member 1..1 MS
* participant.member only Reference(PractitionerRole or Practitioner or RelatedPerson or Patient or Organization)
* participant.member ^short = "参加者（職員は PractitionerRole、家族は RelatedPerson、本人は Patient） / Member"
* participant.onBehalfOf MS
* participant.period MS

Invariant: zt-ct-1
Description: "調整役（coordinator）は参加中の参加者のうちちょうど1名。 / Exactly one active participant has the role coordinator."
Severity: #error
Expression: "participant.where(role.coding.where(system = 'https://zaitaku-fhir.github.io/ig/CodeSystem/careteam-role' and code = 'coordinator').exists() and extension('https://zaitaku-fhir.github.io/ig/StructureDefinition/careteam-participation-status').where(value != 'active').empty()).count() = 1"

Invariant: zt-ct-2
Description: "各参加者はチーム内の役割（careteam-role）をちょうど1つ持つ。 / Every participant has exactly one team function from careteam-role."
Severity: #error
Expression: "participant.all(role.coding.where(system = 'https://zaitaku-fhir.github.io/ig/CodeSystem/careteam-role').count() = 1)"

Invariant: zt-ct-3
Description: "role のコードは careteam-role、profession、JP Core 職種コードのいずれか。 / Role codes come from careteam-role, profession or JP Core JP_PractitionerRole_CS."
Severity: #error
Expression: "participant.role.coding.all(system = 'https://zaitaku-fhir.github.io/ig/CodeSystem/careteam-role' or system = 'https://zaitaku-fhir.github.io/ig/CodeSystem/profession' or system = 'http://jpfhir.jp/fhir/core/CodeSystem/JP_PractitionerRole_CS')"
