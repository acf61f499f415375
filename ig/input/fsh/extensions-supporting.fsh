// Extensions used by the supporting profiles (Patient, RelatedPerson, Consent, HealthcareService, Coverage).

Extension: ZaitakuRegularPharmacy
Id: regular-pharmacy
Title: "かかりつけ薬局 / Regular pharmacy"
Description: """
療養者のかかりつけ薬局（または担当薬剤師）。入院中も記録を残し、退院時に再連携する相手とする。

The patient's regular pharmacy (or pharmacist). Kept during a hospital stay so the pharmacy is reconnected at discharge.
"""
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "Patient"
* value[x] only Reference(Organization or PractitionerRole)
* value[x] 1..1

Extension: ZaitakuLivesWithPatient
Id: lives-with-patient
Title: "療養者と同居 / Lives with the patient"
Description: "家族・介護者が療養者と同居しているか。 / Whether the family member or carer lives with the patient."
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "RelatedPerson"
* value[x] only boolean
* value[x] 1..1

Extension: ZaitakuConsentMethod
Id: consent-method
Title: "同意の取得方法 / How consent was obtained"
Description: """
同意を得た方法（書面・口頭（記録あり）・電子）。居宅介護支援の運営基準では、サービス担当者会議等で利用者・家族の情報を使う
ことについて文書による同意が必要。

How the consent was obtained (written, verbal with a record, electronic). Care-management offices need written consent
before using the user's or family's information in care-plan meetings.
"""
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "Consent"
* value[x] only code
* value[x] 1..1
* value[x] from ZaitakuConsentMethodVS (required)

Extension: ZaitakuBedAvailability
Id: bed-availability
Title: "空床状況 / Bed availability"
Description: """
後方支援病床（バックアップ病床）などの受入れ可能な空床数と、その時点。受け入れる病院が更新する。

Number of beds currently available for admission (e.g. back-up beds) and when that count was taken; kept up to date by the hospital.
"""
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "HealthcareService"
* extension contains
    available 1..1 MS and
    asOf 1..1 MS and
    note 0..1
* extension[available] ^short = "受入れ可能な空床数 / Beds available"
* extension[available].value[x] only integer
* extension[asOf] ^short = "この数の時点 / As of"
* extension[asOf].value[x] only dateTime
* extension[note] ^short = "補足（受入条件など） / Note (admission conditions)"
* extension[note].value[x] only string
* value[x] 0..0

Extension: ZaitakuLtciCertification
Id: ltci-certification
Title: "要介護認定 / LTCI care-level certification"
Description: """
介護保険の要介護認定：要介護状態区分、認定の状況、認定有効期間、認定日。介護保険被保険者証の記載に対応する。

The long-term care insurance certification: care level (要介護状態区分), status, validity period and date, as printed on
the insured person's LTCI card.
"""
* insert ZtMeta
* ^context[+].type = #element
* ^context[=].expression = "Coverage"
* extension contains
    careLevel 0..1 MS and
    status 0..1 MS and
    period 0..1 MS and
    date 0..1
* extension[careLevel] ^short = "要介護状態区分 / Care level"
* extension[careLevel].value[x] only CodeableConcept
* extension[careLevel].value[x] from ZaitakuLtciCareLevelVS (required)
* extension[status] ^short = "認定の状況（申請中・認定済・有効期間切れ） / Certification status"
* extension[status].value[x] only code
* extension[status].value[x] from ZaitakuLtciCertificationStatusVS (required)
* extension[period] ^short = "認定有効期間 / Validity period of the certification"
* extension[period].value[x] only Period
* extension[date] ^short = "認定日 / Date of certification"
* extension[date].value[x] only date
* value[x] 0..0
