// Supporting profiles for organizations and the directory of local services (back-up beds included).

Profile: ZaitakuOrganization
Parent: Organization
Id: zaitaku-organization
Title: "医療機関・介護事業所 / Zaitaku Organization"
Description: """
在宅療養に関わる医療機関・薬局・訪問看護ステーション・介護事業所・区市町村。識別子は医療機関コード（JP Core の system、10桁）、
介護保険事業所番号（10桁）、介護保険の保険者番号（区市町村）。種類は organization-type。

Hospitals, clinics, pharmacies, visiting-nursing stations, LTC providers and municipalities. Identifiers: the medical
institution code (JP Core system, 10 digits), the LTCI provider number (10 characters) and the LTCI insurer number
(municipalities). The kind comes from organization-type.
"""
* insert ZtMeta
* . ^short = "医療機関・介護事業所・区市町村 / Medical or care organization, municipality"
* obeys zt-org-1 and zt-org-2
* identifier MS
* identifier ^short = "医療機関コード・介護保険事業所番号・保険者番号 / Institution code, LTCI provider or insurer number"
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "識別子の system で区別 / Sliced by identifier system"
* identifier contains
    medicalInstitutionCode 0..1 MS and
    ltciProviderNumber 0..1 MS and
    ltciInsurerNumber 0..1 MS
* identifier[medicalInstitutionCode] ^short = "医療機関コード（10桁：都道府県2＋点数表1＋7桁） / Medical institution code (JP Core)"
* identifier[medicalInstitutionCode] ^definition = """
保険医療機関・保険薬局・訪問看護ステーションのコード。都道府県番号2桁、点数表番号1桁（1 医科、3 歯科、4 調剤、6 訪問看護）、
医療機関コード7桁の計10桁。JP Core の system を使う。

Code of an insured medical institution, pharmacy or visiting-nursing station: prefecture (2), fee schedule (1: 1 medical,
3 dental, 4 pharmacy, 6 visiting nursing) and the 7-digit code, 10 digits in all, with the JP Core system.
"""
* identifier[medicalInstitutionCode].system 1..1
* identifier[medicalInstitutionCode].system = $JPMedicalInstitutionNo
* identifier[medicalInstitutionCode].value 1..1
* identifier[ltciProviderNumber] ^short = "介護保険事業所番号（10桁） / LTCI provider number (10 characters)"
* identifier[ltciProviderNumber] ^definition = """
介護保険の指定事業所番号。都道府県番号2桁、事業所区分1桁、郡市区2桁、番号4桁、検査数字1桁の10桁。

Number of a designated LTCI provider: prefecture (2), provider category (1), district (2), serial (4) and a check digit,
10 characters in all.
"""
* identifier[ltciProviderNumber].system 1..1
* identifier[ltciProviderNumber].system = $LtciProviderNumber
* identifier[ltciProviderNumber].value 1..1
* identifier[ltciInsurerNumber] ^short = "介護保険の保険者番号（区市町村） / LTCI insurer number (municipality)"
* identifier[ltciInsurerNumber].system 1..1
* identifier[ltciInsurerNumber].system = $LtciInsurerNumber
* identifier[ltciInsurerNumber].value 1..1
* active MS
* type MS
* type from ZaitakuOrganizationTypeVS (extensible)
* type ^short = "事業所・機関の種類 / Kind of organization"
* name 1..1 MS
* name ^short = "名称 / Name"
* alias MS
* alias ^short = "別名・カナ名称 / Other names, kana name"
* telecom MS
* address MS
* partOf MS
* partOf ^short = "上位の組織（法人・病院の部署など） / Parent organization"

Invariant: zt-org-1
Description: "介護保険事業所番号は半角英数字10桁。 / An LTCI provider number has 10 characters (digits or capital letters)."
Severity: #error
Expression: "identifier.where(system = 'https://zaitaku-fhir.github.io/ig/NamingSystem/ltci-provider-number').all(value.matches('^[0-9A-Z]{10}$'))"

Invariant: zt-org-2
Description: "医療機関コードは半角数字10桁。 / A medical institution code has 10 digits."
Severity: #error
Expression: "identifier.where(system = 'http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no').all(value.matches('^[0-9]{10}$'))"

Profile: ZaitakuHealthcareService
Parent: HealthcareService
Id: zaitaku-healthcareservice
Title: "地域の医療・介護サービス / Zaitaku HealthcareService"
Description: """
地域の医療・介護資源の一覧に載せるサービス（24時間対応の訪問看護、在宅療養支援診療所、後方支援病床など）。提供できる機能は
service-capability、受入れ可能な空床数は拡張 bed-availability（提供する病院が更新する）。

A service listed in the directory of local resources (24-hour visiting nursing, home-care support clinic, back-up
beds ...). Capabilities come from service-capability; the extension bed-availability carries the number of beds
available now, kept up to date by the hospital.
"""
* insert ZtMeta
* . ^short = "地域の医療・介護サービス / Local health or care service"
* extension contains ZaitakuBedAvailability named bedAvailability 0..1 MS
* extension[bedAvailability] ^short = "空床状況（後方支援病床など） / Bed availability (back-up beds)"
* active MS
* providedBy 1..1 MS
* providedBy ^short = "提供する事業所 / Providing organization"
* category MS
* type 1..* MS
* type from ZaitakuServiceCapabilityVS (extensible)
* type ^short = "提供できるサービス・機能 / Service capability"
* specialty MS
* location MS
* name 1..1 MS
* name ^short = "サービス名 / Name of the service"
* comment MS
* comment ^short = "受入条件などの説明 / Description, admission conditions"
* telecom MS
* telecom ^short = "依頼・相談の窓口 / Contact for referrals"
* coverageArea MS
* coverageArea ^short = "対応地域 / Area served"
* availableTime MS
* availableTime ^short = "対応時間（24時間は allDay） / Available times (allDay for 24 hours)"
* notAvailable MS
* referralMethod MS
