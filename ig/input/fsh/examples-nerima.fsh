// Valid examples: a fictional patient in Nerima (練馬区) and her home-care team.
// All names, numbers, addresses and phone numbers are invented.
// The hospital stay, referral, consents, coverage and service directory are in examples-nerima-supporting.fsh.

// A Japanese name in one representation: IDE = 漢字, SYL = カナ (JP Core convention, core R4 extension).
RuleSet: JpName(index, rep, family, given)
* name[{index}].extension[0].url = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation"
* name[{index}].extension[0].valueCode = #{rep}
* name[{index}].use = #official
* name[{index}].text = "{family} {given}"
* name[{index}].family = "{family}"
* name[{index}].given[0] = "{given}"

RuleSet: Tel(index, value, use)
* telecom[{index}].system = #phone
* telecom[{index}].value = "{value}"
* telecom[{index}].use = #{use}

// ---------------------------------------------------------------- patient and family

Instance: nerima-hanako
InstanceOf: ZaitakuPatient
Usage: #example
Title: "練馬 花子（架空の在宅療養者） / Fictional patient"
Description: "練馬区在住、末期がんで在宅療養中の架空の患者。 / Fictional patient with terminal cancer at home in Nerima."
// JP Core patient id: urn:oid:1.2.392.100495.20.3.51. + 1 + 医療機関コード (fictional 1312345678)
* identifier[0].system = "urn:oid:1.2.392.100495.20.3.51.11312345678"
* identifier[0].value = "00012345"
* identifier[1].system = "https://zaitaku-fhir.github.io/ig/NamingSystem/patient-id"
* identifier[1].value = "NRM-000001"
* identifier[2].system = "https://zaitaku-fhir.github.io/ig/NamingSystem/ltci-insured-number"
* identifier[2].value = "0000123456"
* insert JpName(0, IDE, 練馬, 花子)
* insert JpName(1, SYL, ネリマ, ハナコ)
* gender = #female
* birthDate = "1940-04-12"
* address[0].use = #home
* address[0].text = "東京都練馬区架空町1-2-3"
* address[0].state = "東京都"
* address[0].city = "練馬区"
* address[0].line[0] = "架空町1-2-3"
* address[0].country = "JP"
* insert Tel(0, 03-0000-0001, home)
* generalPractitioner = Reference(pr-toyotama-physician)
* extension[regularPharmacy].valueReference = Reference(nerima-pharmacy)

Instance: nerima-yumi
InstanceOf: ZaitakuRelatedPerson
Usage: #example
Title: "練馬 由美（長女・主介護者） / Daughter and main caregiver"
Description: "同居の長女。キーパーソン・主介護者。 / Co-resident daughter, key person and main caregiver."
* active = true
* patient = Reference(nerima-hanako)
* relationship[0] = http://terminology.hl7.org/CodeSystem/v3-RoleCode#DAU "natural daughter"
* relationship[1] = $FamilyRole#key-person "キーパーソン"
* relationship[2] = $FamilyRole#primary-caregiver "主介護者"
* relationship[3] = $FamilyRole#proxy-decision-maker "代理意思決定者"
* extension[livesWithPatient].valueBoolean = true
* insert JpName(0, IDE, 練馬, 由美)
* insert JpName(1, SYL, ネリマ, ユミ)
* insert Tel(0, 090-0000-0002, mobile)

// ---------------------------------------------------------------- organizations

Instance: nerima-home-clinic
InstanceOf: ZaitakuOrganization
Usage: #example
Title: "練馬在宅クリニック（架空） / Fictional home-care clinic"
* identifier[0].system = $JPMedicalInstitutionNo
* identifier[0].value = "1312345678"
* active = true
* type[0] = $OrganizationType#clinic "診療所"
* name = "練馬在宅クリニック"
* insert Tel(0, 03-0000-1000, work)

Instance: nerima-care-office
InstanceOf: ZaitakuOrganization
Usage: #example
Title: "ねりま居宅介護支援事業所（架空） / Fictional care-management office"
// 介護保険事業所番号: 都道府県 13 + 事業所区分 7 + 郡市区・番号・検査数字（架空）
* identifier[0].system = $LtciProviderNumber
* identifier[0].value = "1372000001"
* active = true
* type[0] = $OrganizationType#care-management-office "居宅介護支援事業所"
* name = "ねりま居宅介護支援事業所"
* insert Tel(0, 03-0000-2000, work)

Instance: nerima-nursing-station
InstanceOf: ZaitakuOrganization
Usage: #example
Title: "訪問看護ステーションねりま（架空） / Fictional visiting-nursing station"
// 点数表コード 6 = 訪問看護ステーション
* identifier[0].system = $JPMedicalInstitutionNo
* identifier[0].value = "1362345678"
* active = true
* type[0] = $OrganizationType#visiting-nursing-station "訪問看護ステーション"
* name = "訪問看護ステーションねりま"
* insert Tel(0, 03-0000-3000, work)

Instance: nerima-pharmacy
InstanceOf: ZaitakuOrganization
Usage: #example
Title: "みどり薬局 練馬店（架空） / Fictional pharmacy"
// 点数表コード 4 = 調剤
* identifier[0].system = $JPMedicalInstitutionNo
* identifier[0].value = "1342345678"
* active = true
* type[0] = $OrganizationType#pharmacy "薬局"
* name = "みどり薬局 練馬店"
* insert Tel(0, 03-0000-4000, work)

// ---------------------------------------------------------------- practitioners and their roles

Instance: toyotama-ichiro
InstanceOf: ZaitakuPractitioner
Usage: #example
Title: "豊玉 一郎（在宅医） / Home-care physician"
* insert JpName(0, IDE, 豊玉, 一郎)
* insert JpName(1, SYL, トヨタマ, イチロウ)
// 医籍登録番号 (fictional) in the JP Core shape
* qualification[0].identifier[0].system = $JPMedicalRegistrationNumber
* qualification[0].identifier[0].value = "999001"
* qualification[0].code = $JPMedicalLicenseCertificate#medical-registration

Instance: shakujii-kyoko
InstanceOf: ZaitakuPractitioner
Usage: #example
Title: "石神井 京子（介護支援専門員） / Care manager"
* insert JpName(0, IDE, 石神井, 京子)
* insert JpName(1, SYL, シャクジイ, キョウコ)
* qualification[0].identifier[0].system = $CareManagerRegistration
* qualification[0].identifier[0].value = "13000001"
* qualification[0].code = $Profession#care-manager "介護支援専門員（ケアマネジャー）"

Instance: oizumi-sakura
InstanceOf: ZaitakuPractitioner
Usage: #example
Title: "大泉 さくら（訪問看護師） / Visiting nurse"
* insert JpName(0, IDE, 大泉, さくら)
* insert JpName(1, SYL, オオイズミ, サクラ)

Instance: hikarigaoka-makoto
InstanceOf: ZaitakuPractitioner
Usage: #example
Title: "光が丘 誠（薬剤師） / Pharmacist"
* insert JpName(0, IDE, 光が丘, 誠)
* insert JpName(1, SYL, ヒカリガオカ, マコト)

Instance: pr-toyotama-physician
InstanceOf: ZaitakuPractitionerRole
Usage: #example
Title: "在宅医（練馬在宅クリニック） / Physician at the clinic"
* active = true
* practitioner = Reference(toyotama-ichiro)
* organization = Reference(nerima-home-clinic)
* code[0] = $JPPractitionerRole#JPR10000 "医師"
* insert Tel(0, 03-0000-1000, work)

Instance: pr-shakujii-care-manager
InstanceOf: ZaitakuPractitionerRole
Usage: #example
Title: "介護支援専門員（ねりま居宅介護支援事業所） / Care manager at the office"
* active = true
* practitioner = Reference(shakujii-kyoko)
* organization = Reference(nerima-care-office)
* code[0] = $Profession#care-manager "介護支援専門員（ケアマネジャー）"
* insert Tel(0, 03-0000-2000, work)

Instance: pr-oizumi-nurse
InstanceOf: ZaitakuPractitionerRole
Usage: #example
Title: "訪問看護師（訪問看護ステーションねりま） / Visiting nurse at the station"
* active = true
* practitioner = Reference(oizumi-sakura)
* organization = Reference(nerima-nursing-station)
* code[0] = $JPPractitionerRole#JPR20000 "看護師"
* healthcareService[0] = Reference(nerima-nursing-24h)
* insert Tel(0, 03-0000-3000, work)

Instance: pr-hikarigaoka-pharmacist
InstanceOf: ZaitakuPractitionerRole
Usage: #example
Title: "薬剤師（みどり薬局 練馬店） / Pharmacist at the pharmacy"
* active = true
* practitioner = Reference(hikarigaoka-makoto)
* organization = Reference(nerima-pharmacy)
* code[0] = $JPPractitionerRole#JPR30000 "薬剤師"
* insert Tel(0, 03-0000-4000, work)

// ---------------------------------------------------------------- the team

Instance: nerima-hanako-team
InstanceOf: ZaitakuCareTeam
Usage: #example
Title: "練馬花子さん 在宅チーム / Home-care team of the patient"
Description: "調整役は介護支援専門員。訪問看護師が夜間オンコールのファーストコール。 / Care manager coordinates; the visiting nurse takes first call at night."
* status = #active
* category[0] = $LNC#LA28865-6 "Longitudinal care-coordination focused care team"
* name = "練馬花子さん 在宅チーム"
* subject = Reference(nerima-hanako)
// formed at the pre-discharge conference (examples-nerima-supporting.fsh)
* period.start = "2025-05-15"
* managingOrganization = Reference(nerima-care-office)
// care manager = coordinator
* participant[0].role[0] = $CareTeamRole#coordinator "調整役（コーディネーター）"
* participant[0].role[1] = $Profession#care-manager "介護支援専門員（ケアマネジャー）"
* participant[0].member = Reference(pr-shakujii-care-manager)
* participant[0].extension[participationStatus].valueCode = #active
* participant[0].extension[coverage][0].extension[coverage].valueTiming.repeat.dayOfWeek[0] = #mon
* participant[0].extension[coverage][0].extension[coverage].valueTiming.repeat.dayOfWeek[1] = #tue
* participant[0].extension[coverage][0].extension[coverage].valueTiming.repeat.dayOfWeek[2] = #wed
* participant[0].extension[coverage][0].extension[coverage].valueTiming.repeat.dayOfWeek[3] = #thu
* participant[0].extension[coverage][0].extension[coverage].valueTiming.repeat.dayOfWeek[4] = #fri
* participant[0].extension[coverage][0].extension[coverage].valueTiming.repeat.timeOfDay[0] = "09:00:00"
* participant[0].extension[coverage][0].extension[coverage].valueTiming.repeat.duration = 8.5
* participant[0].extension[coverage][0].extension[coverage].valueTiming.repeat.durationUnit = #h
* participant[0].extension[coverage][0].extension[onCall].valueBoolean = false
* participant[0].extension[coverage][0].extension[contact].valueContactPoint.system = #phone
* participant[0].extension[coverage][0].extension[contact].valueContactPoint.value = "03-0000-2000"
// home physician
* participant[1].role[0] = $CareTeamRole#primary-home-physician "在宅主治医"
* participant[1].role[1] = $JPPractitionerRole#JPR10000 "医師"
* participant[1].member = Reference(pr-toyotama-physician)
* participant[1].extension[coverage][0].extension[coverage].valueTiming.repeat.timeOfDay[0] = "18:00:00"
* participant[1].extension[coverage][0].extension[coverage].valueTiming.repeat.duration = 15
* participant[1].extension[coverage][0].extension[coverage].valueTiming.repeat.durationUnit = #h
* participant[1].extension[coverage][0].extension[onCall].valueBoolean = true
* participant[1].extension[coverage][0].extension[rank].valuePositiveInt = 2
* participant[1].extension[coverage][0].extension[contact].valueContactPoint.system = #phone
* participant[1].extension[coverage][0].extension[contact].valueContactPoint.value = "090-0000-1001"
* participant[1].extension[coverage][0].extension[contact].valueContactPoint.use = #mobile
// visiting nurse: first call at night
* participant[2].role[0] = $CareTeamRole#visiting-nurse "担当訪問看護師"
* participant[2].role[1] = $JPPractitionerRole#JPR20000 "看護師"
* participant[2].member = Reference(pr-oizumi-nurse)
* participant[2].extension[coverage][0].extension[coverage].valueTiming.repeat.timeOfDay[0] = "18:00:00"
* participant[2].extension[coverage][0].extension[coverage].valueTiming.repeat.duration = 15
* participant[2].extension[coverage][0].extension[coverage].valueTiming.repeat.durationUnit = #h
* participant[2].extension[coverage][0].extension[onCall].valueBoolean = true
* participant[2].extension[coverage][0].extension[rank].valuePositiveInt = 1
* participant[2].extension[coverage][0].extension[contact].valueContactPoint.system = #phone
* participant[2].extension[coverage][0].extension[contact].valueContactPoint.value = "090-0000-3001"
* participant[2].extension[coverage][0].extension[contact].valueContactPoint.use = #mobile
* participant[2].extension[coverage][0].extension[note].valueString = "24時間対応体制加算あり"
// pharmacist
* participant[3].role[0] = $CareTeamRole#regular-pharmacist "かかりつけ薬剤師"
* participant[3].role[1] = $JPPractitionerRole#JPR30000 "薬剤師"
* participant[3].member = Reference(pr-hikarigaoka-pharmacist)
// family
* participant[4].role[0] = $CareTeamRole#family-caregiver "主介護者（家族）"
* participant[4].member = Reference(nerima-yumi)
// the patient
* participant[5].role[0] = $CareTeamRole#patient "本人"
* participant[5].member = Reference(nerima-hanako)

// ---------------------------------------------------------------- plan, visit, messages

Instance: nerima-hanako-plan
InstanceOf: ZaitakuCarePlan
Usage: #example
Title: "在宅療養計画（全体）：練馬花子さん / Overall home-care plan"
* status = #active
* intent = #plan
* category[planType] = $CarePlanType#home-care-overall "在宅療養計画（全体）"
* category[careTrack] = $CareTrack#cancer-terminal "末期がん"
* category[clins] = $ClinsCarePlanCategory#followup-plan "外来診療経過中"
* title = "自宅での療養と看取りに向けた全体計画"
* description = "疼痛コントロールを継続し、本人の希望どおり自宅で過ごす。急変時は訪問看護へ連絡、後方支援病床を確保済み。"
* subject = Reference(nerima-hanako)
* period.start = "2025-05-20"
* created = "2025-05-20"
* author = Reference(pr-shakujii-care-manager)
* careTeam[0] = Reference(nerima-hanako-team)
* supportingInfo[0] = Reference(nerima-hanako-ltci)
* supportingInfo[1] = Reference(nerima-hanako-acp)
* extension[acp].extension[status].valueCodeableConcept = $AcpStatus#agreed "方針合意"
* extension[acp].extension[lastDiscussed].valueDateTime = "2025-05-28"
* extension[acp].extension[record].valueReference = Reference(nerima-hanako-acp)
* extension[acp].extension[proxyDecisionMaker].valueReference = Reference(nerima-yumi)
* extension[preferredPlaceOfCare].valueCodeableConcept = $PlaceOfCare#home "自宅"
* extension[preferredPlaceOfDeath].valueCodeableConcept = $PlaceOfCare#home "自宅"
* extension[backupBed].extension[arranged].valueBoolean = true
* extension[backupBed].extension[facility].valueReference = Reference(nerima-chuo-backup-beds)
* extension[backupBed].extension[note].valueString = "練馬区内の在宅療養後方支援病院と調整済み（架空）"
* activity[0].detail.status = #in-progress
* activity[0].detail.code = $EncounterType#visiting-nursing "訪問看護"
* activity[0].detail.performer[0] = Reference(pr-oizumi-nurse)
* activity[0].detail.scheduledTiming.repeat.frequency = 3
* activity[0].detail.scheduledTiming.repeat.period = 1
* activity[0].detail.scheduledTiming.repeat.periodUnit = #wk
* activity[1].detail.status = #in-progress
* activity[1].detail.code = $EncounterType#home-visit-planned "訪問診療"
* activity[1].detail.performer[0] = Reference(pr-toyotama-physician)
* activity[1].detail.scheduledTiming.repeat.frequency = 2
* activity[1].detail.scheduledTiming.repeat.period = 1
* activity[1].detail.scheduledTiming.repeat.periodUnit = #mo

Instance: nerima-hanako-nursing-visit
InstanceOf: ZaitakuEncounter
Usage: #example
Title: "訪問看護（2025-06-02） / Visiting-nursing visit"
* status = #finished
* class = $v3ActCode#HH "home health"
* type[zaitaku] = $EncounterType#visiting-nursing "訪問看護"
* subject = Reference(nerima-hanako)
* participant[0].individual = Reference(pr-oizumi-nurse)
* period.start = "2025-06-02T09:30:00+09:00"
* period.end = "2025-06-02T10:30:00+09:00"
* serviceProvider = Reference(nerima-nursing-station)

Instance: nerima-hanako-service-meeting
InstanceOf: ZaitakuEncounter
Usage: #example
Title: "サービス担当者会議（2025-05-20） / Care-plan service meeting"
* status = #finished
* class = $v3ActCode#HH "home health"
* type[zaitaku] = $EncounterType#service-coordination-meeting "サービス担当者会議"
* subject = Reference(nerima-hanako)
* participant[0].individual = Reference(pr-shakujii-care-manager)
* participant[1].individual = Reference(pr-oizumi-nurse)
* participant[2].individual = Reference(pr-hikarigaoka-pharmacist)
* participant[3].individual = Reference(nerima-yumi)
* period.start = "2025-05-20T14:00:00+09:00"
* period.end = "2025-05-20T15:00:00+09:00"
* serviceProvider = Reference(nerima-care-office)

Instance: nerima-msg-report
InstanceOf: ZaitakuCommunication
Usage: #example
Title: "報告：訪問看護師からチームへ / Report from the visiting nurse"
* extension[thread].valueIdentifier.value = "urn:uuid:6f1c2f0e-6d2b-4b7e-9a51-3c0f5d8e2a10"
* status = #completed
* category = $MessageCategory#report "報告"
* priority = #routine
* subject = Reference(nerima-hanako)
* topic.text = "本日の訪問看護の報告"
* about[0] = Reference(nerima-hanako-nursing-visit)
* sent = "2025-06-02T10:45:00+09:00"
* sender = Reference(pr-oizumi-nurse)
* recipient[0] = Reference(nerima-hanako-team)
* payload[0].contentString = "疼痛はNRS 3で安定。食事は半量摂取。仙骨部に発赤あり、体位変換を家族に指導しました。写真を添付します。"
* payload[1].contentAttachment.contentType = #image/jpeg
* payload[1].contentAttachment.title = "仙骨部の発赤（2025-06-02）"
* payload[1].contentAttachment.url = "Binary/nerima-photo-1"

Instance: nerima-msg-reply
InstanceOf: ZaitakuCommunication
Usage: #example
Title: "返信：在宅医から / Reply from the physician"
* extension[thread].valueIdentifier.value = "urn:uuid:6f1c2f0e-6d2b-4b7e-9a51-3c0f5d8e2a10"
* status = #completed
* category = $MessageCategory#instruction "指示"
* priority = #routine
* subject = Reference(nerima-hanako)
* sent = "2025-06-02T12:10:00+09:00"
* sender = Reference(pr-toyotama-physician)
* recipient[0] = Reference(nerima-hanako-team)
* inResponseTo[0] = Reference(nerima-msg-report)
* payload[0].contentString = "了解しました。除圧マットレスへの変更をケアマネさんにお願いします。次回訪問時に確認します。"

Instance: nerima-msg-urgent
InstanceOf: ZaitakuCommunication
Usage: #example
Title: "緊急の相談：訪問看護師から在宅医へ / Urgent consultation from the visiting nurse"
* extension[thread].valueIdentifier.value = "urn:uuid:2b7d4c1e-8f3a-4e6b-b0c9-5d1e7a3f9c22"
* status = #completed
* category = $MessageCategory#consultation "相談"
* priority = #urgent
* subject = Reference(nerima-hanako)
* topic.text = "発熱と呼吸苦"
* sent = "2025-06-05T21:40:00+09:00"
* sender = Reference(pr-oizumi-nurse)
* recipient[0] = Reference(pr-toyotama-physician)
* recipient[+] = Reference(nerima-hanako-team)
* payload[0].contentString = "38.6℃の発熱、SpO2 91%。呼吸が苦しそうです。往診の要否をご判断ください。"

Instance: nerima-msg-urgent-escalation
InstanceOf: ZaitakuCommunication
Usage: #example
Title: "未確認の緊急連絡：サーバーから調整役へ / Escalation to the coordinator"
* extension[thread].valueIdentifier.value = "urn:uuid:2b7d4c1e-8f3a-4e6b-b0c9-5d1e7a3f9c22"
* status = #completed
* category = $MessageCategory#escalation "未確認の緊急連絡"
* priority = #stat
* subject = Reference(nerima-hanako)
* about[0] = Reference(nerima-msg-urgent)
* sent = "2025-06-05T22:10:00+09:00"
* sender = Reference(pr-oizumi-nurse)
* recipient[0] = Reference(pr-shakujii-care-manager)
* payload[0].contentString = "緊急の連絡（相談「発熱と呼吸苦」）が30分間どの宛先にも了解されていません。"

Instance: nerima-msg-report-receipt
InstanceOf: ZaitakuMessageReceipt
Usage: #example
Title: "既読通知：薬剤師 / Read receipt by the pharmacist"
* extension[receiptStatus].valueCode = #read
* extension[thread].valueIdentifier.value = "urn:uuid:6f1c2f0e-6d2b-4b7e-9a51-3c0f5d8e2a10"
* status = #completed
* category = $MessageCategory#receipt "既読・確認"
* subject = Reference(nerima-hanako)
* inResponseTo[0] = Reference(nerima-msg-report)
* sent = "2025-06-02T13:00:00+09:00"
* sender = Reference(pr-hikarigaoka-pharmacist)
