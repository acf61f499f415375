// ZaitakuCoverage: insurance and public funding of home care; for long-term care insurance (介護保険) the
// care-level certification (要介護認定) is carried by the extension ltci-certification.

Profile: ZaitakuCoverage
Parent: Coverage
Id: zaitaku-coverage
Title: "保険・公費 / Zaitaku Coverage"
Description: """
療養者の保険・公費。種類（type）は coverage-type（介護保険・医療保険・公費）。介護保険では被保険者番号を identifier に、
保険者（区市町村）を payor に、要介護状態区分・認定有効期間を拡張 ltci-certification に持つ。利用者負担割合（1〜3割）は
costToBeneficiary。要介護状態区分は、申請中を除き必須。

Insurance and public funding of the patient. type comes from coverage-type (LTCI, health insurance, public funding).
For LTCI the insured-person number is the identifier, the municipality is the payor, and the care level and the
certification period are in the extension ltci-certification. The co-payment rate (10-30 %) is costToBeneficiary.
The care level is required except while the certification is being applied for.
"""
* insert ZtMeta
* . ^short = "保険・公費 / Insurance or public funding"
* obeys zt-cov-1
* extension contains ZaitakuLtciCertification named ltciCertification 0..1 MS
* extension[ltciCertification] ^short = "要介護認定（要介護状態区分・認定有効期間） / LTCI certification (care level, period)"
* identifier MS
* identifier ^short = "被保険者番号 / Insured-person number"
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "識別子の system で区別 / Sliced by identifier system"
* identifier contains ltciInsuredNumber 0..1 MS
* identifier[ltciInsuredNumber] ^short = "介護保険被保険者番号 / LTCI insured-person number"
* identifier[ltciInsuredNumber].system 1..1
* identifier[ltciInsuredNumber].system = $LtciInsuredNumber
* identifier[ltciInsuredNumber].value 1..1
* status MS
* type 1..1 MS
* type from ZaitakuCoverageTypeVS (extensible)
* type ^short = "保険・公費の種類（介護保険・医療保険・公費） / Kind of coverage"
* beneficiary MS
* beneficiary only Reference(Patient)
* beneficiary ^short = "被保険者（療養者） / The insured patient"
* period MS
* period ^short = "被保険者証の有効期間 / Validity of the insurance card"
* payor MS
* payor ^short = "保険者（介護保険は区市町村） / Insurer (the municipality for LTCI)"
* costToBeneficiary MS
* costToBeneficiary ^short = "利用者負担割合（介護保険は1〜3割：copaypct） / Co-payment rate (LTCI 10-30 %: copaypct)"

Invariant: zt-cov-1
Description: "介護保険の Coverage には要介護状態区分がある（申請中を除く）。 / An LTCI coverage states the care level unless the certification is being applied for."
Severity: #error
Expression: "type.coding.where(system = 'https://zaitaku-fhir.github.io/ig/CodeSystem/coverage-type' and code = 'ltci').exists() implies extension('https://zaitaku-fhir.github.io/ig/StructureDefinition/ltci-certification').where(extension('careLevel').exists() or extension('status').value = 'applying').exists()"
