// Aliases used by all FSH files of the Zaitaku home-care IG.
// Our own artifacts live under the canonical https://zaitaku-fhir.github.io/ig (never jpfhir.jp / hl7.org).

// ---- our CodeSystems / ValueSets / extensions
Alias: $ZT = https://zaitaku-fhir.github.io/ig
Alias: $Profession = https://zaitaku-fhir.github.io/ig/CodeSystem/profession
Alias: $CareTeamRole = https://zaitaku-fhir.github.io/ig/CodeSystem/careteam-role
Alias: $ParticipationStatus = https://zaitaku-fhir.github.io/ig/CodeSystem/participation-status
Alias: $MessageCategory = https://zaitaku-fhir.github.io/ig/CodeSystem/message-category
Alias: $ReceiptStatus = https://zaitaku-fhir.github.io/ig/CodeSystem/receipt-status
Alias: $CarePlanType = https://zaitaku-fhir.github.io/ig/CodeSystem/careplan-type
Alias: $CareTrack = https://zaitaku-fhir.github.io/ig/CodeSystem/care-track
Alias: $PlaceOfCare = https://zaitaku-fhir.github.io/ig/CodeSystem/place-of-care
Alias: $AcpStatus = https://zaitaku-fhir.github.io/ig/CodeSystem/acp-status
Alias: $EncounterType = https://zaitaku-fhir.github.io/ig/CodeSystem/encounter-type
Alias: $LtciCareLevel = https://zaitaku-fhir.github.io/ig/CodeSystem/ltci-care-level
Alias: $LtciServiceType = https://zaitaku-fhir.github.io/ig/CodeSystem/ltci-service-type
Alias: $ThreadId = https://zaitaku-fhir.github.io/ig/NamingSystem/communication-thread
Alias: $ExtThread = https://zaitaku-fhir.github.io/ig/StructureDefinition/communication-thread
Alias: $ExtParticipationStatus = https://zaitaku-fhir.github.io/ig/StructureDefinition/careteam-participation-status

// ---- JP Core, adopted by URL only (the JP Core package is not a dependency)
Alias: $JPPractitionerRole = http://jpfhir.jp/fhir/core/CodeSystem/JP_PractitionerRole_CS
Alias: $JPMedicalInstitutionNo = http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no
Alias: $JPResourceInstanceId = http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier
// JP Core patient-ID namespace: urn:oid:1.2.392.100495.20.3.51. + "1" + 10-digit 医療機関コード
Alias: $JPPatientIdPrefix = urn:oid:1.2.392.100495.20.3.51.
// JP-CLINS 療養計画 (CarePlan) categories
Alias: $ClinsCarePlanCategory = http://jpfhir.jp/fhir/CarePlan/CodeSystem/category

// ---- HL7 (R4 core and terminology.hl7.org)
Alias: $EnRepresentation = http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation
Alias: $v3ActCode = http://terminology.hl7.org/CodeSystem/v3-ActCode
Alias: $v3RoleCode = http://terminology.hl7.org/CodeSystem/v3-RoleCode
Alias: $LNC = http://loinc.org
