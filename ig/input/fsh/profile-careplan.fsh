// ZaitakuCarePlan: plans shared by the home-care team.

Profile: ZaitakuCarePlan
Parent: CarePlan
Id: zaitaku-careplan
Title: "在宅療養計画 / Zaitaku CarePlan"
Description: """
在宅療養チームで共有する計画。計画の種類（planType）は必須、療養の経過類型（がん・非がん・看取り期）は全体計画で必須。
人生会議（ACP）の状況、希望する療養場所・最期の場所、後方支援病床の確保を拡張で持つ。作成者は調整役（PractitionerRole）。
JP-CLINS 療養計画の区分（入院時・入院中・退院時・外来経過中）を併記できる。

A plan shared by the home-care team. The plan type is required; the care track (cancer / non-cancer / end of life)
is required for the overall plan. Extensions carry ACP (人生会議) status, preferred place of care and death and the
back-up bed arrangement. The author is the coordinator. A JP-CLINS care-plan category may be added.
"""
* insert ZtMeta
* obeys zt-cp-1
* extension contains
    ZaitakuAdvanceCarePlanning named acp 0..1 MS and
    ZaitakuPreferredPlaceOfCare named preferredPlaceOfCare 0..1 MS and
    ZaitakuPreferredPlaceOfDeath named preferredPlaceOfDeath 0..1 MS and
    ZaitakuBackupBed named backupBed 0..1 MS
* extension[acp] ^short = "人生会議（ACP） / Advance care planning"
* extension[preferredPlaceOfCare] ^short = "希望する療養場所 / Preferred place of care"
* extension[preferredPlaceOfDeath] ^short = "希望する最期の場所 / Preferred place of death"
* extension[backupBed] ^short = "後方支援病床の確保 / Back-up bed arranged"
* status MS
* intent MS
* category 1..* MS
* category ^slicing.discriminator.type = #value
* category ^slicing.discriminator.path = "coding.system"
* category ^slicing.rules = #open
* category ^slicing.description = "コードシステムで区別 / Sliced by code system"
* category contains
    planType 1..1 MS and
    careTrack 0..1 MS and
    clins 0..1 MS
* category[planType] ^short = "計画の種類 / Plan type"
* category[planType].coding 1..1
* category[planType].coding.system 1..1
* category[planType].coding.system = $CarePlanType
* category[planType] from ZaitakuCarePlanTypeVS (required)
* category[careTrack] ^short = "療養の経過類型（がん・非がん・看取り期） / Care track"
* category[careTrack].coding 1..1
* category[careTrack].coding.system 1..1
* category[careTrack].coding.system = $CareTrack
* category[careTrack] from ZaitakuCareTrackVS (required)
* category[clins] ^short = "JP-CLINS 療養計画の区分 / JP-CLINS care-plan category"
* category[clins].coding 1..1
* category[clins].coding.system 1..1
* category[clins].coding.system = $ClinsCarePlanCategory
* category[clins] from ZaitakuClinsCarePlanCategoryVS (required)
* title 1..1 MS
* title ^short = "計画の名称 / Title"
* description MS
* subject 1..1 MS
* subject only Reference(Patient)
* period 1..1 MS
* period.start 1..1 MS
* created MS
* author 1..1 MS
* author only Reference(PractitionerRole)
* author ^short = "作成者：チームの調整役 / Author: the team's coordinator"
* contributor MS
* careTeam MS
* encounter MS
* encounter ^short = "関連する入院等（退院支援計画） / Related admission (discharge-support plans)"
* addresses MS
* goal MS
* supportingInfo MS
* activity MS
* activity.reference MS
* activity.detail.code from ZaitakuCarePlanActivityVS (extensible)
* activity.detail.code ^short = "訪問・サービスの種類 / Kind of visit or LTCI service"
* activity.detail.performer MS
* activity.detail.scheduled[x] MS

Invariant: zt-cp-1
Description: "全体計画（home-care-overall）には療養の経過類型がある。 / An overall home-care plan states its care track."
Severity: #error
Expression: "category.coding.where(system = 'https://zaitaku-fhir.github.io/ig/CodeSystem/careplan-type' and code = 'home-care-overall').exists() implies category.coding.where(system = 'https://zaitaku-fhir.github.io/ig/CodeSystem/care-track').exists()"
