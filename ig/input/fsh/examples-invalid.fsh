// Counter-examples: each one MUST FAIL validation against its profile (the test suite checks that).
// SUSHI does not evaluate invariants or ValueSet membership, so it compiles them; their ids start
// with "invalid-" and they are not meant to be loaded into a server.

Instance: InvalidCareTeamNoCoordinator
InstanceOf: ZaitakuCareTeam
Usage: #example
Title: "不正例：調整役がいないチーム / Counter-example: no coordinator"
Description: "zt-ct-1 違反（調整役が0名）。 / Violates zt-ct-1: no participant has the role coordinator."
* id = "invalid-careteam-no-coordinator"
* status = #active
* category[0] = $LNC#LA28865-6 "Longitudinal care-coordination focused care team"
* subject = Reference(nerima-hanako)
* managingOrganization = Reference(nerima-care-office)
* participant[0].role[0] = $CareTeamRole#care-manager "担当介護支援専門員"
* participant[0].role[1] = $Profession#care-manager "介護支援専門員（ケアマネジャー）"
* participant[0].member = Reference(pr-shakujii-care-manager)
* participant[1].role[0] = $CareTeamRole#visiting-nurse "担当訪問看護師"
* participant[1].member = Reference(pr-oizumi-nurse)

Instance: InvalidCareTeamUnknownProfession
InstanceOf: ZaitakuCareTeam
Usage: #example
Title: "不正例：未知の職種 / Counter-example: unknown profession"
Description: """
職種コードが careteam-participant-role にない（未知のコードシステムの「占い師」）。zt-ct-3 と必須バインディングに違反。
Violates zt-ct-3 and the required binding of participant.role: the profession comes from an unknown code system.
"""
* id = "invalid-careteam-unknown-profession"
* status = #active
* category[0] = $LNC#LA28865-6 "Longitudinal care-coordination focused care team"
* subject = Reference(nerima-hanako)
* managingOrganization = Reference(nerima-care-office)
* participant[0].role[0] = $CareTeamRole#coordinator "調整役（コーディネーター）"
* participant[0].role[1] = $Profession#care-manager "介護支援専門員（ケアマネジャー）"
* participant[0].member = Reference(pr-shakujii-care-manager)
* participant[1].role[0] = $CareTeamRole#home-helper "担当ヘルパー"
* participant[1].role[1] = http://example.org/fhir/CodeSystem/occupation#fortune-teller "占い師"
* participant[1].member = Reference(pr-oizumi-nurse)

// InstanceOf is the base resource with meta.profile set, because SUSHI itself rejects an instance of
// ZaitakuCommunication that lacks the required thread extension (cardinality 1..1).
Instance: InvalidCommunicationNoThread
InstanceOf: Communication
Usage: #example
Title: "不正例：スレッドIDのない連絡 / Counter-example: message without thread"
Description: "extension[thread] 1..1 と zt-com-1 に違反。 / Violates extension[thread] 1..1 and zt-com-1."
* id = "invalid-communication-no-thread"
* meta.profile[0] = Canonical(ZaitakuCommunication)
* status = #completed
* category[0] = $MessageCategory#contact "連絡"
* priority = #routine
* subject = Reference(nerima-hanako)
* sent = "2025-06-03T09:00:00+09:00"
* sender = Reference(pr-shakujii-care-manager)
* recipient[0] = Reference(nerima-hanako-team)
* payload[0].contentString = "来週のサービス担当者会議の日程を調整します。"

Instance: InvalidOrganizationShortLtcNumber
InstanceOf: ZaitakuOrganization
Usage: #example
Title: "不正例：9桁の介護保険事業所番号 / Counter-example: 9-character LTCI provider number"
Description: "zt-org-1 違反（介護保険事業所番号が9桁）。 / Violates zt-org-1: the LTCI provider number has 9 characters."
* id = "invalid-organization-short-ltc-number"
* identifier[0].system = $LtciProviderNumber
* identifier[0].value = "137200001"
* active = true
* type[0] = $OrganizationType#care-management-office "居宅介護支援事業所"
* name = "ねりま第二居宅介護支援事業所"

Instance: InvalidOrganizationSevenDigitInstitutionCode
InstanceOf: ZaitakuOrganization
Usage: #example
Title: "不正例：7桁の医療機関コード / Counter-example: 7-digit medical institution code"
Description: "zt-org-2 違反（都道府県番号・点数表番号のない7桁の医療機関コード）。 / Violates zt-org-2: the 7-digit code without prefecture and fee schedule."
* id = "invalid-organization-seven-digit-institution-code"
* identifier[0].system = $JPMedicalInstitutionNo
* identifier[0].value = "2345678"
* active = true
* type[0] = $OrganizationType#clinic "診療所"
* name = "練馬第二クリニック"

Instance: InvalidCoverageLtciNoCareLevel
InstanceOf: ZaitakuCoverage
Usage: #example
Title: "不正例：要介護状態区分のない介護保険 / Counter-example: LTCI coverage without care level"
Description: "zt-cov-1 違反（認定済なのに要介護状態区分がない）。 / Violates zt-cov-1: certified, but no care level."
* id = "invalid-coverage-ltci-no-care-level"
* status = #active
* type = $CoverageType#ltci "介護保険"
* beneficiary = Reference(nerima-hanako)
* payor[0] = Reference(nerima-ward)
* extension[ltciCertification].extension[status].valueCode = #certified
* extension[ltciCertification].extension[period].valuePeriod.start = "2025-04-21"

Instance: InvalidConsentSharingNoRecipient
InstanceOf: ZaitakuConsent
Usage: #example
Title: "不正例：共有先のない情報共有の同意 / Counter-example: sharing consent without recipients"
Description: "zt-cons-1 違反（patient-privacy の permit に provision.actor がない）。 / Violates zt-cons-1: a permit to share without provision.actor."
* id = "invalid-consent-sharing-no-recipient"
* status = #active
* scope = $ConsentScope#patient-privacy "Privacy Consent"
* category[0] = $LNC#59284-0 "Patient Consent"
* patient = Reference(nerima-hanako)
* dateTime = "2025-05-15T13:30:00+09:00"
* performer[0] = Reference(nerima-hanako)
* policyRule = $ConsentPolicy#team-sharing "在宅療養チームでの情報共有への同意"
* provision.type = #permit
* provision.purpose[0] = $v3ActReason#TREAT "treatment"

Instance: InvalidTaskRejectedNoReason
InstanceOf: ZaitakuTask
Usage: #example
Title: "不正例：理由のない依頼の辞退 / Counter-example: rejected referral without a reason"
Description: "zt-task-1 違反（status が rejected で statusReason がない）。 / Violates zt-task-1: rejected without statusReason."
* id = "invalid-task-rejected-no-reason"
* status = #rejected
* intent = #order
* code = $TaskCode#fulfill "Fulfill the focal request"
* focus = Reference(nerima-hanako-referral-nursing)
* for = Reference(nerima-hanako)
* authoredOn = "2025-05-12T15:00:00+09:00"
* requester = Reference(pr-kasuga-msw)

Instance: InvalidCommunicationUrgentCategory
InstanceOf: ZaitakuCommunication
Usage: #example
Title: "不正例：緊急度を種別で表した連絡 / Counter-example: urgency as a category"
Description: "種別 urgent は廃止：緊急度は priority だけで表す（必須バインディング違反）。 / The category urgent is retired: urgency is said by priority alone (violates the required binding)."
* id = "invalid-communication-urgent-category"
* extension[thread].valueIdentifier.value = "urn:uuid:0d9e2c55-3a71-4f0e-8b6a-4c2f1e9d7b31"
* status = #completed
* category = $MessageCategory#urgent "緊急連絡（廃止）"
* subject = Reference(nerima-hanako)
* sent = "2025-06-05T21:40:00+09:00"
* sender = Reference(pr-oizumi-nurse)
* recipient[0] = Reference(nerima-hanako-team)
* payload[0].contentString = "至急連絡ください。"

Instance: InvalidReceiptUnread
InstanceOf: Communication
Usage: #example
Title: "不正例：「未読」の既読通知 / Counter-example: a receipt saying unread"
Description: "既読通知は read / acknowledged / done だけを記録する（未読は通知がないこと）。 / A receipt records read, acknowledged or done; unread is the absence of a receipt."
* id = "invalid-receipt-unread"
* meta.profile[0] = Canonical(ZaitakuMessageReceipt)
* extension[0].url = "https://zaitaku-fhir.github.io/ig/StructureDefinition/receipt-status"
* extension[0].valueCode = #unread
* status = #completed
* category = $MessageCategory#receipt "既読・確認"
* subject = Reference(nerima-hanako)
* inResponseTo[0] = Reference(nerima-msg-report)
* sent = "2025-06-02T13:00:00+09:00"
* sender = Reference(pr-hikarigaoka-pharmacist)
