// ZaitakuEncounter: home visits, admissions, discharges and team conferences.

Profile: ZaitakuEncounter
Parent: Encounter
Id: zaitaku-encounter
Title: "在宅の訪問・入退院・会議 / Zaitaku Encounter"
Description: """
訪問診療・往診・訪問看護・訪問歯科・訪問薬剤管理指導・訪問栄養食事指導・訪問介護などの訪問、入院・退院、
退院前カンファレンス・サービス担当者会議。class は v3 ActCode（訪問は HH、入院は IMP）、type は本 IG の encounter-type。

Home visits (physician, nursing, dental, pharmacy, nutrition, home help), admissions and discharges, pre-discharge
conferences and care-plan service meetings. class is v3 ActCode (HH for visits, IMP for admissions); type comes
from this IG's encounter-type.
"""
* insert ZtMeta
* obeys zt-enc-1 and zt-enc-2
* status MS
* class MS
* class from ZaitakuEncounterClassVS (required)
* class ^short = "訪問 HH／入院 IMP／外来 AMB／救急 EMER／オンライン VR / Encounter class"
* type 1..* MS
* type ^slicing.discriminator.type = #value
* type ^slicing.discriminator.path = "coding.system"
* type ^slicing.rules = #open
* type contains zaitaku 1..1 MS
* type[zaitaku] ^short = "訪問・会議の種類 / Home-care encounter type"
* type[zaitaku].coding 1..1
* type[zaitaku].coding.system 1..1
* type[zaitaku].coding.system = $EncounterType
* type[zaitaku] from ZaitakuEncounterTypeVS (required)
* subject 1..1 MS
* subject only Reference(Patient)
* basedOn MS
* participant MS
* participant ^short = "訪問者・会議の参加者 / Visiting staff or conference participants"
* participant.individual MS
* period 1..1 MS
* period.start 1..1 MS
* reasonCode MS
* hospitalization MS
* hospitalization.dischargeDisposition MS
* hospitalization.destination MS
* serviceProvider 1..1 MS
* serviceProvider ^short = "訪問・入院を提供する事業所 / Providing organization"
* partOf MS
* partOf ^short = "関連する入院（退院前カンファレンス等） / Related inpatient stay (for conferences)"

Invariant: zt-enc-1
Description: "カンファレンス・会議には参加者が2名以上いる。 / A conference has at least two participants."
Severity: #error
Expression: "type.coding.where(system = 'https://zaitaku-fhir.github.io/ig/CodeSystem/encounter-type' and (code = 'pre-discharge-conference' or code = 'service-coordination-meeting' or code = 'emergency-conference')).exists() implies participant.count() >= 2"

Invariant: zt-enc-2
Description: "入院・退院は class が IMP。 / Admissions and discharges have class IMP."
Severity: #error
Expression: "type.coding.where(system = 'https://zaitaku-fhir.github.io/ig/CodeSystem/encounter-type' and (code = 'admission' or code = 'discharge')).exists() implies class.code = 'IMP'"
