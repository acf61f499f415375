// SearchParameters of the Zaitaku home-care IG. Base R4 parameters already cover
// CareTeam?participant= (any member), Communication?recipient= and Communication?category=;
// R4 has no priority or in-response-to on Communication, so the guide adds them.
// Instance names carry an sp- prefix (instance names are unique across the IG); ids do not.

RuleSet: ZtSearchParameter(id, code, base, type)
* id = "{id}"
* url = "https://zaitaku-fhir.github.io/ig/SearchParameter/{id}"
* version = "0.1.0"
* status = #active  // HAPI indexes and searches only active SearchParameters
* experimental = false
* publisher = "Zaitaku FHIR"
* jurisdiction = urn:iso:std:iso:3166#JP "Japan"
* code = #{code}
* base[0] = #{base}
* type = #{type}
* xpathUsage = #normal

Instance: sp-careteam-role
InstanceOf: SearchParameter
Usage: #definition
Title: "CareTeam: 参加者の役割・職種 / participant role"
* insert ZtSearchParameter(careteam-role, role, CareTeam, token)
* name = "ZaitakuCareTeamRole"
* description = "参加者の役割・職種でチームを検索（例：role=https://zaitaku-fhir.github.io/ig/CodeSystem/careteam-role|visiting-nurse）。 / Search teams by a participant's function or profession."
* expression = "CareTeam.participant.role"

Instance: sp-careteam-coordinator
InstanceOf: SearchParameter
Usage: #definition
Title: "CareTeam: 調整役 / coordinator"
* insert ZtSearchParameter(careteam-coordinator, coordinator, CareTeam, reference)
* name = "ZaitakuCareTeamCoordinator"
* description = "調整役でチームを検索（自分が調整役のチーム一覧）。 / Search teams by their coordinator."
* expression = "CareTeam.participant.where(role.coding.where(system = 'https://zaitaku-fhir.github.io/ig/CodeSystem/careteam-role' and code = 'coordinator').exists()).member"
* target[0] = #PractitionerRole
* target[+] = #Practitioner
* target[+] = #RelatedPerson
* target[+] = #Patient
* target[+] = #Organization

Instance: sp-communication-thread
InstanceOf: SearchParameter
Usage: #definition
Title: "Communication: スレッド / thread"
* insert ZtSearchParameter(communication-thread, thread, Communication, token)
* name = "ZaitakuCommunicationThread"
* description = "スレッドIDで連絡を検索（スレッド全体の取得）。 / Search team messages by thread id."
* expression = "Communication.extension('https://zaitaku-fhir.github.io/ig/StructureDefinition/communication-thread').value.ofType(Identifier)"

Instance: sp-communication-receipt-status
InstanceOf: SearchParameter
Usage: #definition
Title: "Communication: 既読・対応状況 / receipt status"
* insert ZtSearchParameter(communication-receipt-status, receipt-status, Communication, token)
* name = "ZaitakuCommunicationReceiptStatus"
* description = "既読通知を既読・対応状況で検索。 / Search read receipts by status."
* expression = "Communication.extension('https://zaitaku-fhir.github.io/ig/StructureDefinition/receipt-status').value.ofType(code)"

Instance: sp-communication-priority
InstanceOf: SearchParameter
Usage: #definition
Title: "Communication: 緊急度 / priority"
* insert ZtSearchParameter(communication-priority, priority, Communication, token)
* name = "ZaitakuCommunicationPriority"
* description = "緊急度で連絡を検索（例：priority=urgent,asap,stat）。 / Search team messages by priority."
* expression = "Communication.priority"

Instance: sp-communication-in-response-to
InstanceOf: SearchParameter
Usage: #definition
Title: "Communication: 返信元・既読通知の対象 / in response to"
* insert ZtSearchParameter(communication-in-response-to, in-response-to, Communication, reference)
* name = "ZaitakuCommunicationInResponseTo"
* description = "ある連絡への返信と既読通知を検索。 / Search the replies to, and the read receipts of, a message."
* expression = "Communication.inResponseTo"
* target[0] = #Communication

Instance: sp-careplan-care-track
InstanceOf: SearchParameter
Usage: #definition
Title: "CarePlan: 療養の経過類型 / care track"
* insert ZtSearchParameter(careplan-care-track, care-track, CarePlan, token)
* name = "ZaitakuCarePlanCareTrack"
* description = "療養の経過類型（がん・非がん・看取り期）で計画を検索。 / Search care plans by care track."
* expression = "CarePlan.category.where(coding.system = 'https://zaitaku-fhir.github.io/ig/CodeSystem/care-track')"

Instance: sp-coverage-care-level
InstanceOf: SearchParameter
Usage: #definition
Title: "Coverage: 要介護状態区分 / care level"
* insert ZtSearchParameter(coverage-care-level, care-level, Coverage, token)
* name = "ZaitakuCoverageCareLevel"
* description = "要介護状態区分で介護保険の Coverage を検索（例：care-level=https://zaitaku-fhir.github.io/ig/CodeSystem/ltci-care-level|22）。 / Search LTCI coverages by care level."
* expression = "Coverage.extension('https://zaitaku-fhir.github.io/ig/StructureDefinition/ltci-certification').extension('careLevel').value.ofType(CodeableConcept)"

Instance: sp-healthcareservice-bed-available
InstanceOf: SearchParameter
Usage: #definition
Title: "HealthcareService: 空床数 / beds available"
* insert ZtSearchParameter(healthcareservice-bed-available, bed-available, HealthcareService, number)
* name = "ZaitakuHealthcareServiceBedAvailable"
* description = "受入れ可能な空床数でサービスを検索（例：bed-available=ge1）。 / Search services by the number of beds available."
* expression = "HealthcareService.extension('https://zaitaku-fhir.github.io/ig/StructureDefinition/bed-availability').extension('available').value.ofType(integer)"
