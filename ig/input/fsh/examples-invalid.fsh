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
