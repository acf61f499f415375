// The server's capabilities as this guide requires them: every profile the guide defines is
// enforced on every write of its type (a read receipt claims zaitaku-message-receipt), and the guide's
// SearchParameters are searchable. The server's own /fhir/metadata lists the same and more.

RuleSet: ZtRestResource(type, profile)
* rest[0].resource[+].type = #{type}
* rest[0].resource[=].profile = "https://zaitaku-fhir.github.io/ig/StructureDefinition/{profile}"
* rest[0].resource[=].supportedProfile[+] = "https://zaitaku-fhir.github.io/ig/StructureDefinition/{profile}"
* rest[0].resource[=].interaction[+].code = #read
* rest[0].resource[=].interaction[+].code = #vread
* rest[0].resource[=].interaction[+].code = #search-type
* rest[0].resource[=].interaction[+].code = #create
* rest[0].resource[=].interaction[+].code = #update
* rest[0].resource[=].interaction[+].code = #patch
* rest[0].resource[=].interaction[+].code = #history-instance
* rest[0].resource[=].versioning = #versioned-update
* rest[0].resource[=].conditionalCreate = true
* rest[0].resource[=].conditionalUpdate = true

RuleSet: ZtSearchParam(name, id, type)
* rest[0].resource[=].searchParam[+].name = "{name}"
* rest[0].resource[=].searchParam[=].definition = "https://zaitaku-fhir.github.io/ig/SearchParameter/{id}"
* rest[0].resource[=].searchParam[=].type = #{type}

Instance: zaitaku-server
InstanceOf: CapabilityStatement
Usage: #definition
Title: "在宅療養 FHIR サーバの要件 / Zaitaku home-care server requirements"
Description: "この実装ガイドに従うサーバが備えること：各プロファイルをその型の書き込みすべてに適用し、ガイドの検索パラメータで検索できること。 / What a server following this guide offers: every profile enforced on every write of its type, and the guide's search parameters."
* id = "zaitaku-server"
* url = "https://zaitaku-fhir.github.io/ig/CapabilityStatement/zaitaku-server"
* version = "0.1.0"
* name = "ZaitakuServer"
* status = #draft
* experimental = false
* date = "2026-12-07"
* publisher = "Zaitaku FHIR"
* jurisdiction = urn:iso:std:iso:3166#JP "Japan"
* kind = #requirements
* fhirVersion = #4.0.1
* format[+] = #json
* format[+] = #xml
* rest[0].mode = #server
* rest[0].documentation = "SMART on FHIR で保護される。書き込みは該当プロファイルで検証され、違反は 422。 / Protected by SMART on FHIR; writes are validated against the profile of their type, a violation is a 422."
* rest[0].security.cors = true
* rest[0].security.service = http://terminology.hl7.org/CodeSystem/restful-security-service#SMART-on-FHIR

* insert ZtRestResource(CareTeam, zaitaku-careteam)
* insert ZtSearchParam(role, careteam-role, token)
* insert ZtSearchParam(coordinator, careteam-coordinator, reference)
* insert ZtRestResource(CarePlan, zaitaku-careplan)
* insert ZtSearchParam(care-track, careplan-care-track, token)
* insert ZtRestResource(Encounter, zaitaku-encounter)
* insert ZtRestResource(Communication, zaitaku-communication)
* rest[0].resource[=].supportedProfile[+] = "https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-message-receipt"
* insert ZtSearchParam(thread, communication-thread, token)
* insert ZtSearchParam(receipt-status, communication-receipt-status, token)
* insert ZtSearchParam(priority, communication-priority, token)
* insert ZtSearchParam(in-response-to, communication-in-response-to, reference)
* insert ZtRestResource(Patient, zaitaku-patient)
* insert ZtRestResource(Practitioner, zaitaku-practitioner)
* insert ZtRestResource(PractitionerRole, zaitaku-practitionerrole)
* insert ZtRestResource(RelatedPerson, zaitaku-relatedperson)
* insert ZtRestResource(Organization, zaitaku-organization)
* insert ZtRestResource(HealthcareService, zaitaku-healthcareservice)
* insert ZtSearchParam(bed-available, healthcareservice-bed-available, number)
* insert ZtRestResource(Consent, zaitaku-consent)
* insert ZtRestResource(ServiceRequest, zaitaku-servicerequest)
* insert ZtRestResource(Task, zaitaku-task)
* insert ZtRestResource(Coverage, zaitaku-coverage)
* insert ZtSearchParam(care-level, coverage-care-level, token)
* rest[0].interaction[+].code = #transaction
* rest[0].interaction[+].code = #batch
