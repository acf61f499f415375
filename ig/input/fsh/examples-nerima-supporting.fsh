// Valid examples, continued: how 練馬 花子's home-care team was formed at discharge, and the records that
// support it (hospital stay, referral to the visiting-nursing station, consents, LTCI coverage, service directory).
// All names, numbers, addresses and phone numbers are invented. RuleSets JpName and Tel: examples-nerima.fsh.
// Timeline: admitted 2025-05-01 -> referral 05-12, accepted 05-13 -> consent to sharing and pre-discharge
// conference 05-15 -> discharged home 05-19 -> service meeting, team and plan 05-20 -> ACP 05-28.

// ---------------------------------------------------------------- organizations and people

Instance: nerima-chuo-hospital
InstanceOf: ZaitakuOrganization
Usage: #example
Title: "ねりま中央病院（架空） / Fictional hospital"
// 点数表コード 1 = 医科
* identifier[0].system = $JPMedicalInstitutionNo
* identifier[0].value = "1319876543"
* active = true
* type[0] = $OrganizationType#hospital "病院"
* name = "ねりま中央病院"
* insert Tel(0, 03-0000-5000, work)
* address[0].text = "東京都練馬区架空町5-6-7"
* address[0].state = "東京都"
* address[0].city = "練馬区"
* address[0].line[0] = "架空町5-6-7"

Instance: nerima-ward
InstanceOf: ZaitakuOrganization
Usage: #example
Title: "練馬区（介護保険者、番号は架空） / Nerima ward as LTC insurer (fictional number)"
* identifier[0].system = $LtciInsurerNumber
* identifier[0].value = "139999"
* active = true
* type[0] = $OrganizationType#municipality "区市町村（介護保険者）"
* name = "練馬区"

Instance: kasuga-misaki
InstanceOf: ZaitakuPractitioner
Usage: #example
Title: "春日 美咲（医療ソーシャルワーカー） / Hospital medical social worker"
* insert JpName(0, IDE, 春日, 美咲)
* insert JpName(1, SYL, カスガ, ミサキ)

Instance: pr-kasuga-msw
InstanceOf: ZaitakuPractitionerRole
Usage: #example
Title: "MSW（ねりま中央病院 地域医療連携室） / MSW at the hospital"
* active = true
* practitioner = Reference(kasuga-misaki)
* organization = Reference(nerima-chuo-hospital)
* code[0] = $JPPractitionerRole#JPR50300 "医療社会福祉士（MSW）"
* insert Tel(0, 03-0000-5001, work)

// ---------------------------------------------------------------- service directory

Instance: nerima-chuo-backup-beds
InstanceOf: ZaitakuHealthcareService
Usage: #example
Title: "後方支援病床（ねりま中央病院） / Back-up beds at the hospital"
Description: "在宅療養中の患者が急変したときに入院を受け入れる病床。空床数は病院が更新する。 / Beds for home-care patients who deteriorate; the hospital keeps the count current."
* active = true
* providedBy = Reference(nerima-chuo-hospital)
* type[0] = $ServiceCapability#backup-hospital "在宅療養後方支援病院"
* type[1] = $ServiceCapability#community-care-ward "地域包括ケア病棟"
* name = "在宅療養後方支援病床（バックアップ病床）"
* comment = "事前に登録した在宅療養中の患者の急変時に入院を受け入れる。夜間・休日も当直医が判断する。"
* telecom[0].system = #phone
* telecom[0].value = "03-0000-5001"
* telecom[0].use = #work
* availableTime[0].daysOfWeek[0] = #mon
* availableTime[0].daysOfWeek[1] = #tue
* availableTime[0].daysOfWeek[2] = #wed
* availableTime[0].daysOfWeek[3] = #thu
* availableTime[0].daysOfWeek[4] = #fri
* availableTime[0].daysOfWeek[5] = #sat
* availableTime[0].daysOfWeek[6] = #sun
* availableTime[0].allDay = true
* referralMethod[0] = http://terminology.hl7.org/CodeSystem/service-referral-method#phone "Phone"
* extension[bedAvailability].extension[available].valueInteger = 2
* extension[bedAvailability].extension[asOf].valueDateTime = "2025-06-01T09:00:00+09:00"
* extension[bedAvailability].extension[note].valueString = "個室1床・4人部屋1床"

Instance: nerima-nursing-24h
InstanceOf: ZaitakuHealthcareService
Usage: #example
Title: "訪問看護（訪問看護ステーションねりま、24時間対応） / 24-hour visiting nursing"
* active = true
* providedBy = Reference(nerima-nursing-station)
* type[0] = $ServiceCapability#visiting-nursing "訪問看護"
* type[1] = $ServiceCapability#visiting-nursing-24h "24時間対応訪問看護"
* name = "訪問看護（24時間対応）"
* comment = "平日日中は定期訪問、夜間・休日は電話相談と緊急訪問に対応する。末期がん・医療的ケアの利用者を受け入れる。"
* telecom[0].system = #phone
* telecom[0].value = "03-0000-3000"
* telecom[0].use = #work
* availableTime[0].daysOfWeek[0] = #mon
* availableTime[0].daysOfWeek[1] = #tue
* availableTime[0].daysOfWeek[2] = #wed
* availableTime[0].daysOfWeek[3] = #thu
* availableTime[0].daysOfWeek[4] = #fri
* availableTime[0].daysOfWeek[5] = #sat
* availableTime[0].daysOfWeek[6] = #sun
* availableTime[0].allDay = true

// ---------------------------------------------------------------- coverage and consents

Instance: nerima-hanako-ltci
InstanceOf: ZaitakuCoverage
Usage: #example
Title: "介護保険（要介護2）：練馬花子さん / LTCI coverage, care level 2"
// 第1号被保険者: 65歳に達した日（誕生日の前日）から
* identifier[0].system = $LtciInsuredNumber
* identifier[0].value = "0000123456"
* status = #active
* type = $CoverageType#ltci "介護保険"
* beneficiary = Reference(nerima-hanako)
* period.start = "2005-04-11"
* payor[0] = Reference(nerima-ward)
* extension[ltciCertification].extension[careLevel].valueCodeableConcept = $LtciCareLevel#22 "要介護2"
* extension[ltciCertification].extension[status].valueCode = #certified
* extension[ltciCertification].extension[period].valuePeriod.start = "2025-04-21"
* extension[ltciCertification].extension[period].valuePeriod.end = "2025-10-31"
* extension[ltciCertification].extension[date].valueDate = "2025-05-09"
* costToBeneficiary[0].type = $CopayType#copaypct "Copay Percentage"
* costToBeneficiary[0].valueQuantity = 10 '%' "%"

Instance: nerima-hanako-sharing
InstanceOf: ZaitakuConsent
Usage: #example
Title: "情報共有の同意：練馬花子さん / Consent to sharing within the team"
Description: "本人が書面で、在宅療養チームの参加者への情報提供に同意した。 / The patient consented in writing to sharing with the home-care team."
* extension[method].valueCode = #written
* status = #active
* scope = $ConsentScope#patient-privacy "Privacy Consent"
* category[0] = $LNC#59284-0 "Patient Consent"
* patient = Reference(nerima-hanako)
* dateTime = "2025-05-15T13:30:00+09:00"
* performer[0] = Reference(nerima-hanako)
* organization[0] = Reference(nerima-care-office)
* sourceAttachment.contentType = #application/pdf
* sourceAttachment.title = "個人情報使用同意書（2025-05-15 署名）"
* policyRule = $ConsentPolicy#team-sharing "在宅療養チームでの情報共有への同意"
* provision.type = #permit
* provision.period.start = "2025-05-15"
* provision.actor[0].role = $v3ParticipationType#IRCP "information recipient"
* provision.actor[0].reference = Reference(nerima-hanako-team)
* provision.purpose[0] = $v3ActReason#TREAT "treatment"

Instance: nerima-hanako-acp
InstanceOf: ZaitakuConsent
Usage: #example
Title: "人生会議（ACP）の記録：練馬花子さん / Advance care planning"
Description: "本人・長女・在宅医・訪問看護師の話し合いで確認した本人の意思。 / The patient's wishes as agreed with her daughter, physician and nurse."
* extension[preferredPlaceOfCare].valueCodeableConcept = $PlaceOfCare#home "自宅"
* extension[preferredPlaceOfDeath].valueCodeableConcept = $PlaceOfCare#home "自宅"
* status = #active
* scope = $ConsentScope#adr "Advanced Care Directive"
* category[0] = $ConsentCategory#acd "Advance Directive"
* patient = Reference(nerima-hanako)
* dateTime = "2025-05-28T14:00:00+09:00"
* performer[0] = Reference(nerima-hanako)
* performer[1] = Reference(nerima-yumi)
* organization[0] = Reference(nerima-home-clinic)
* sourceAttachment.contentType = #application/pdf
* sourceAttachment.title = "人生会議の記録（2025-05-28）"
* policyRule = $ConsentPolicy#acp-guideline "人生の最終段階における医療・ケアの決定プロセスに関するガイドラインに基づく意思決定"
* provision.type = #permit
* provision.period.start = "2025-05-28"
* provision.provision[0].type = #deny
* provision.provision[0].code[0] = $AcpTreatment#cpr "心肺蘇生"
* provision.provision[1].type = #deny
* provision.provision[1].code[0] = $AcpTreatment#intubation "気管挿管・人工呼吸器"
* provision.provision[2].type = #deny
* provision.provision[2].code[0] = $AcpTreatment#tube-feeding "経管栄養（胃ろう等）"
* provision.provision[3].type = #permit
* provision.provision[3].code[0] = $AcpTreatment#palliative-sedation "緩和的鎮静"

// ---------------------------------------------------------------- hospital stay, referral, conference

Instance: nerima-hanako-admission
InstanceOf: ZaitakuEncounter
Usage: #example
Title: "入院（ねりま中央病院、2025-05-01〜05-19） / Hospital stay"
* status = #finished
* class = $v3ActCode#IMP "inpatient encounter"
* type[zaitaku] = $EncounterType#admission "入院"
* subject = Reference(nerima-hanako)
* period.start = "2025-05-01T10:00:00+09:00"
* period.end = "2025-05-19T11:00:00+09:00"
* reasonCode[0].text = "膵がんの疼痛増悪"
* hospitalization.dischargeDisposition = $DischargeDisposition#home "Home"
* serviceProvider = Reference(nerima-chuo-hospital)

Instance: nerima-hanako-referral-nursing
InstanceOf: ZaitakuServiceRequest
Usage: #example
Title: "依頼：退院後の訪問看護の開始 / Referral: start visiting nursing after discharge"
* status = #active
* intent = #order
* priority = #routine
* code = $ReferralType#visiting-nursing "訪問看護の開始依頼"
* subject = Reference(nerima-hanako)
* encounter = Reference(nerima-hanako-admission)
* occurrencePeriod.start = "2025-05-19"
* authoredOn = "2025-05-12T15:00:00+09:00"
* requester = Reference(pr-kasuga-msw)
* performerType = $JPPractitionerRole#JPR20000 "看護師"
* performer[0] = Reference(nerima-nursing-24h)
* locationCode[0] = $v3RoleCode#PTRES "Patient's Residence"
* reasonCode[0].text = "膵がん末期。自宅での疼痛管理と看取りを希望"
* note[0].text = "5月19日退院予定。5月15日の退院前カンファレンスへの参加をお願いします。訪問看護指示書は在宅医が交付予定です。"

Instance: nerima-hanako-referral-nursing-task
InstanceOf: ZaitakuTask
Usage: #example
Title: "依頼の受諾：訪問看護ステーションねりま / Referral accepted by the station"
* status = #accepted
* businessStatus.text = "退院日（5月19日）に初回訪問の予定"
* intent = #order
* code = $TaskCode#fulfill "Fulfill the focal request"
* focus = Reference(nerima-hanako-referral-nursing)
* for = Reference(nerima-hanako)
* authoredOn = "2025-05-12T15:00:00+09:00"
* lastModified = "2025-05-13T10:30:00+09:00"
* requester = Reference(pr-kasuga-msw)
* owner = Reference(pr-oizumi-nurse)

Instance: nerima-hanako-discharge-conference
InstanceOf: ZaitakuEncounter
Usage: #example
Title: "退院前カンファレンス（2025-05-15） / Pre-discharge conference"
* status = #finished
* class = $v3ActCode#IMP "inpatient encounter"
* type[zaitaku] = $EncounterType#pre-discharge-conference "退院前カンファレンス（退院時共同指導）"
* subject = Reference(nerima-hanako)
* participant[0].individual = Reference(pr-kasuga-msw)
* participant[1].individual = Reference(pr-shakujii-care-manager)
* participant[2].individual = Reference(pr-toyotama-physician)
* participant[3].individual = Reference(pr-oizumi-nurse)
* participant[4].individual = Reference(nerima-yumi)
* period.start = "2025-05-15T14:00:00+09:00"
* period.end = "2025-05-15T15:00:00+09:00"
* serviceProvider = Reference(nerima-chuo-hospital)
* partOf = Reference(nerima-hanako-admission)
