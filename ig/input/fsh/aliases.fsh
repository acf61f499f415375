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
Alias: $OrganizationType = https://zaitaku-fhir.github.io/ig/CodeSystem/organization-type
Alias: $FamilyRole = https://zaitaku-fhir.github.io/ig/CodeSystem/family-role
Alias: $ConsentPolicy = https://zaitaku-fhir.github.io/ig/CodeSystem/consent-policy
Alias: $ConsentMethod = https://zaitaku-fhir.github.io/ig/CodeSystem/consent-method
Alias: $AcpTreatment = https://zaitaku-fhir.github.io/ig/CodeSystem/acp-treatment
Alias: $ReferralType = https://zaitaku-fhir.github.io/ig/CodeSystem/referral-type
Alias: $ServiceCapability = https://zaitaku-fhir.github.io/ig/CodeSystem/service-capability
Alias: $CoverageType = https://zaitaku-fhir.github.io/ig/CodeSystem/coverage-type
Alias: $LtciCertificationStatus = https://zaitaku-fhir.github.io/ig/CodeSystem/ltci-certification-status
Alias: $ThreadId = https://zaitaku-fhir.github.io/ig/NamingSystem/communication-thread
Alias: $RegionalPatientId = https://zaitaku-fhir.github.io/ig/NamingSystem/patient-id
Alias: $UserId = https://zaitaku-fhir.github.io/ig/NamingSystem/user-id
Alias: $LtciInsuredNumber = https://zaitaku-fhir.github.io/ig/NamingSystem/ltci-insured-number
Alias: $LtciInsurerNumber = https://zaitaku-fhir.github.io/ig/NamingSystem/ltci-insurer-number
Alias: $LtciProviderNumber = https://zaitaku-fhir.github.io/ig/NamingSystem/ltci-provider-number
Alias: $CareManagerRegistration = https://zaitaku-fhir.github.io/ig/NamingSystem/care-manager-registration
Alias: $ExtThread = https://zaitaku-fhir.github.io/ig/StructureDefinition/communication-thread
Alias: $ExtParticipationStatus = https://zaitaku-fhir.github.io/ig/StructureDefinition/careteam-participation-status

// ---- JP Core, adopted by URL only (the JP Core package is not a dependency)
Alias: $JPPractitionerRole = http://jpfhir.jp/fhir/core/CodeSystem/JP_PractitionerRole_CS
Alias: $JPMedicalInstitutionNo = http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no
Alias: $JPResourceInstanceId = http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier
// 医籍登録番号 and the qualification code that carries it (JP_Practitioner slice medicalRegistrationNumber)
Alias: $JPMedicalRegistrationNumber = http://jpfhir.jp/fhir/core/mhlw/IdSystem/medicalRegistrationNumber
Alias: $JPMedicalLicenseCertificate = http://jpfhir.jp/fhir/core/CodeSystem/JP_MedicalLicenseCertificate_CS
// JP Core patient-ID namespace: urn:oid:1.2.392.100495.20.3.51. + "1" + 10-digit 医療機関コード
Alias: $JPPatientIdPrefix = urn:oid:1.2.392.100495.20.3.51.
// JP-CLINS 療養計画 (CarePlan) categories
Alias: $ClinsCarePlanCategory = http://jpfhir.jp/fhir/CarePlan/CodeSystem/category

// ---- HL7 (R4 core and terminology.hl7.org)
Alias: $EnRepresentation = http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation
Alias: $v3ActCode = http://terminology.hl7.org/CodeSystem/v3-ActCode
Alias: $v3RoleCode = http://terminology.hl7.org/CodeSystem/v3-RoleCode
Alias: $LNC = http://loinc.org
Alias: $v3ParticipationType = http://terminology.hl7.org/CodeSystem/v3-ParticipationType
Alias: $v3ActReason = http://terminology.hl7.org/CodeSystem/v3-ActReason
Alias: $ConsentScope = http://terminology.hl7.org/CodeSystem/consentscope
Alias: $ConsentCategory = http://terminology.hl7.org/CodeSystem/consentcategorycodes
Alias: $TaskCode = http://hl7.org/fhir/CodeSystem/task-code
Alias: $CopayType = http://terminology.hl7.org/CodeSystem/coverage-copay-type
Alias: $DischargeDisposition = http://terminology.hl7.org/CodeSystem/discharge-disposition
Alias: $UCUM = http://unitsofmeasure.org
