// ZaitakuConsent: consent to sharing within the home-care team, and the record of advance care planning (人生会議).
// One profile for both; scope tells them apart (patient-privacy = sharing, adr = ACP).

Profile: ZaitakuConsent
Parent: Consent
Id: zaitaku-consent
Title: "情報共有の同意・人生会議 / Zaitaku Consent"
Description: """
2種類の同意を表す。(1) 在宅療養チームでの情報共有への同意（scope＝patient-privacy）：共有先（provision.actor、通常は
CareTeam）、目的、期間、取得方法（書面・口頭・電子）と同意書の写し。(2) 人生会議（ACP）で確認した本人の意思（scope＝adr）：
医療処置ごとの希望（provision.provision の code と permit / deny）、希望する療養場所・最期の場所。JP-CLINS 退院時サマリーの
「事前指示」セクションに入れられる形にしている。

Two kinds of consent. (1) Consent to sharing within the home-care team (scope patient-privacy): who receives the
information (provision.actor, usually the CareTeam), purpose, period, how it was obtained and the signed form.
(2) The patient's wishes confirmed in advance care planning (scope adr): a permit or deny provision per treatment and
the preferred place of care and death. Shaped so that it fits the advance-directive section of a JP-CLINS discharge summary.
"""
* insert ZtMeta
* . ^short = "情報共有の同意・人生会議 / Sharing consent or ACP"
* obeys zt-cons-1
* extension contains
    ZaitakuConsentMethod named method 0..1 MS and
    ZaitakuPreferredPlaceOfCare named preferredPlaceOfCare 0..1 MS and
    ZaitakuPreferredPlaceOfDeath named preferredPlaceOfDeath 0..1 MS
* extension[method] ^short = "同意の取得方法（書面・口頭（記録あり）・電子） / How consent was obtained"
* extension[preferredPlaceOfCare] ^short = "希望する療養場所（人生会議） / Preferred place of care (ACP)"
* extension[preferredPlaceOfDeath] ^short = "希望する最期の場所（人生会議） / Preferred place of death (ACP)"
* status MS
* status ^short = "状態（撤回は inactive） / Status (withdrawal = inactive)"
* scope MS
* scope ^short = "patient-privacy＝情報共有の同意、adr＝人生会議 / patient-privacy = sharing, adr = ACP"
* category MS
* category ^short = "同意の種類（情報共有は LOINC 59284-0、人生会議は acd） / Kind of consent"
* patient 1..1 MS
* patient only Reference(Patient)
* patient ^short = "療養者 / The patient"
* dateTime 1..1 MS
* dateTime ^short = "同意・話し合いの日時 / When consent was given"
* performer MS
* performer ^short = "同意した者（本人、代理の家族） / Who consented (patient, family as proxy)"
* organization MS
* organization ^short = "同意を取得・管理する事業所 / Organization that obtained and keeps the consent"
* source[x] MS
* source[x] ^short = "同意書の写し・人生会議の記録 / Signed form or ACP record"
* policyRule MS
* policyRule from ZaitakuConsentPolicyVS (extensible)
* policyRule ^short = "同意の根拠（情報共有・ACP ガイドライン） / Basis of the consent"
* provision MS
* provision.type MS
* provision.type ^short = "許可（permit）・拒否（deny） / Permit or deny"
* provision.period MS
* provision.period ^short = "同意の有効期間 / Period the consent applies to"
* provision.actor MS
* provision.actor ^short = "共有先（チーム・事業所。役割は IRCP＝情報の受け手） / Who receives the information"
* provision.purpose MS
* provision.purpose ^short = "利用目的（TREAT＝診療・ケア） / Purpose of use"
* provision.provision MS
* provision.provision ^short = "人生会議：医療処置ごとの希望（code は acp-treatment） / ACP: wish per treatment"
* provision.provision.type MS
* provision.provision.code MS
* provision.provision.code from ZaitakuAcpTreatmentVS (extensible)
* provision.provision.code ^short = "医療処置（心肺蘇生・挿管・経管栄養など） / Treatment (CPR, intubation, tube feeding ...)"

Invariant: zt-cons-1
Description: "情報共有の同意（patient-privacy の permit）には共有先（provision.actor）がある。 / A permit to share (patient-privacy) names who receives the information."
Severity: #error
Expression: "(scope.coding.where(system = 'http://terminology.hl7.org/CodeSystem/consentscope' and code = 'patient-privacy').exists() and provision.type = 'permit') implies provision.actor.exists()"
