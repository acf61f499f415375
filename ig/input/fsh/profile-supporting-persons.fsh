// Supporting profiles for people: the patient, professionals (Practitioner, PractitionerRole) and family
// (RelatedPerson). Names follow JP Core by URL: one HumanName per representation, marked with the core
// extension iso21090-EN-representation (IDE = 漢字, SYL = カナ).

// Kanji / kana names on HumanName (JP Core convention). Usage inside a profile: * insert JpNameRules
RuleSet: JpNameRules
* name.extension contains $EnRepresentation named representation 0..1 MS
* name.extension[representation] ^short = "表記（IDE＝漢字、SYL＝カナ） / Representation (IDE kanji, SYL kana)"
* name.text MS
* name.text ^short = "氏名（姓と名の間に半角空白） / Full name (space between family and given)"
* name.family MS
* name.family ^short = "姓 / Family name"
* name.given MS
* name.given ^short = "名 / Given name"

Profile: ZaitakuPatient
Parent: Patient
Id: zaitaku-patient
Title: "在宅療養者 / Zaitaku Patient"
Description: """
在宅療養者。患者IDは施設ごとの ID（JP Core の OID：urn:oid:1.2.392.100495.20.3.51.1＋医療機関コード10桁）、地域連携の ID、
介護保険被保険者番号を持てる。氏名は漢字（IDE）とカナ（SYL）を別の name として持つ。かかりつけ医は generalPractitioner、
かかりつけ薬局は拡張 regular-pharmacy。

A home-care patient. Identifiers: facility patient ids (JP Core OID urn:oid:1.2.392.100495.20.3.51.1 + 10-digit
medical institution code), the regional id and the LTCI insured-person number. Kanji (IDE) and kana (SYL) names are
separate HumanNames. The family doctor is generalPractitioner; the regular pharmacy uses the extension regular-pharmacy.
"""
* insert ZtMeta
* . ^short = "在宅療養者 / Home-care patient"
* extension contains ZaitakuRegularPharmacy named regularPharmacy 0..1 MS
* extension[regularPharmacy] ^short = "かかりつけ薬局 / Regular pharmacy"
* identifier 1..* MS
* identifier ^short = "患者ID（施設の患者ID・地域連携ID・介護保険被保険者番号） / Patient identifiers"
* identifier ^definition = """
施設の患者IDは JP Core の名前空間 urn:oid:1.2.392.100495.20.3.51.1＋医療機関コード（10桁）を system に使う。
地域連携ID と介護保険被保険者番号は本 IG の NamingSystem を使う。

Facility patient ids use the JP Core namespace urn:oid:1.2.392.100495.20.3.51.1 + the 10-digit medical institution
code as system; the regional id and the LTCI insured-person number use this IG's NamingSystems.
"""
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "識別子の system で区別 / Sliced by identifier system"
* identifier contains
    regionalId 0..1 MS and
    ltciInsuredNumber 0..1 MS
* identifier[regionalId] ^short = "地域連携の患者ID / Regional patient id"
* identifier[regionalId].system 1..1
* identifier[regionalId].system = $RegionalPatientId
* identifier[regionalId].value 1..1
* identifier[ltciInsuredNumber] ^short = "介護保険被保険者番号 / LTCI insured-person number"
* identifier[ltciInsuredNumber].system 1..1
* identifier[ltciInsuredNumber].system = $LtciInsuredNumber
* identifier[ltciInsuredNumber].value 1..1
* active MS
* name 1..* MS
* name ^short = "氏名（漢字とカナを別々に） / Name (kanji and kana as separate names)"
* insert JpNameRules
* telecom MS
* gender MS
* birthDate MS
* address MS
* address ^short = "住所（都道府県 state、区市町村 city、町名番地 line、郵便番号 postalCode） / Address"
* generalPractitioner MS
* generalPractitioner ^short = "かかりつけ医（在宅主治医） / Family doctor (home-care physician)"
* managingOrganization MS

Profile: ZaitakuPractitioner
Parent: Practitioner
Id: zaitaku-practitioner
Title: "医療・介護の専門職 / Zaitaku Practitioner"
Description: """
在宅療養に関わる医療・介護の専門職個人。所属・職種は PractitionerRole で表す。氏名は漢字（IDE）とカナ（SYL）。資格は
qualification に持ち、医籍登録番号は JP Core と同じ形（code＝JP_MedicalLicenseCertificate_CS#medical-registration）、
介護支援専門員登録番号は本 IG の形（code＝profession#care-manager）で記録する。

A professional in home care. Organization and profession are on PractitionerRole. Kanji (IDE) and kana (SYL) names.
Qualifications: the medical registration number as in JP Core (code JP_MedicalLicenseCertificate_CS#medical-registration)
and the care-manager registration number (code profession#care-manager).
"""
* insert ZtMeta
* . ^short = "医療・介護の専門職 / Health or care professional"
* identifier MS
* identifier ^short = "職員ID（本サーバーの利用者ID、医師・歯科医師は JP Core の OID） / Staff identifiers"
* active MS
* name 1..* MS
* name ^short = "氏名（漢字とカナを別々に） / Name (kanji and kana as separate names)"
* insert JpNameRules
* telecom MS
* qualification MS
* qualification ^short = "資格（医籍登録番号・介護支援専門員登録番号など） / Qualifications"
* qualification ^slicing.discriminator.type = #pattern
* qualification ^slicing.discriminator.path = "code"
* qualification ^slicing.rules = #open
* qualification ^slicing.description = "資格の種類（code）で区別 / Sliced by kind of qualification"
* qualification contains
    medicalRegistration 0..1 MS and
    careManagerRegistration 0..1 MS
* qualification[medicalRegistration] ^short = "医籍登録番号（JP Core） / Medical registration number (JP Core)"
* qualification[medicalRegistration].code = $JPMedicalLicenseCertificate#medical-registration
* qualification[medicalRegistration].identifier 1..1 MS
* qualification[medicalRegistration].identifier ^short = "医籍登録番号（system は http://jpfhir.jp/fhir/core/mhlw/IdSystem/medicalRegistrationNumber） / Registration number"
* qualification[careManagerRegistration] ^short = "介護支援専門員登録番号 / Care-manager registration"
* qualification[careManagerRegistration].code = $Profession#care-manager
* qualification[careManagerRegistration].identifier 1..1 MS
* qualification[careManagerRegistration].identifier.system 1..1
* qualification[careManagerRegistration].identifier.system = $CareManagerRegistration
* qualification[careManagerRegistration].identifier.value 1..1
* qualification[careManagerRegistration].identifier ^short = "登録番号（都道府県が付与） / Registration number (issued by the prefecture)"
* qualification[careManagerRegistration].period MS
* qualification[careManagerRegistration].period ^short = "介護支援専門員証の有効期間 / Validity of the care-manager card"

Profile: ZaitakuPractitionerRole
Parent: PractitionerRole
Id: zaitaku-practitionerrole
Title: "専門職の所属と職種 / Zaitaku PractitionerRole"
Description: """
専門職がどの事業所で、どの職種として働くか。在宅療養チームの参加者・連絡の送信者・依頼の依頼者はこのリソースを参照する。
職種は JP Core の職種コード（URL で参照）または本 IG の profession（介護支援専門員・訪問介護員など）。

Which organization a professional works for and in which profession. Team members, message senders and referral
requesters point to this resource. The profession is a JP Core profession code (by URL) or this IG's profession
(care manager, home helper ...).
"""
* insert ZtMeta
* . ^short = "専門職の所属と職種 / Professional's organization and profession"
* active MS
* period MS
* practitioner 1..1 MS
* practitioner ^short = "専門職本人 / The professional"
* organization 1..1 MS
* organization ^short = "所属事業所 / Organization"
* code 1..* MS
* code from ZaitakuProfessionVS (extensible)
* code ^short = "職種（JP Core 職種コードまたは profession） / Profession"
* specialty MS
* specialty ^short = "診療科・専門分野 / Specialty"
* healthcareService MS
* healthcareService ^short = "担当するサービス / Services provided in this role"
* telecom MS
* telecom ^short = "業務用の連絡先（オンコール番号を含む） / Work contacts, including the on-call number"
* availableTime MS
* availableTime ^short = "勤務・対応時間 / Available times"

Profile: ZaitakuRelatedPerson
Parent: RelatedPerson
Id: zaitaku-relatedperson
Title: "家族・介護者 / Zaitaku RelatedPerson"
Description: """
療養者の家族・介護者。続柄（v3 RoleCode）と、家族内での役割（family-role：キーパーソン・主介護者・代理意思決定者など）を
relationship に別々に持つ。同居かどうかを拡張 lives-with-patient で表す。氏名は漢字（IDE）とカナ（SYL）。

A family member or carer of the patient. relationship holds the kinship (v3 RoleCode) and, as further entries, the
roles in the family (family-role: key person, primary caregiver, proxy decision maker ...). The extension
lives-with-patient says whether they live together. Kanji (IDE) and kana (SYL) names.
"""
* insert ZtMeta
* . ^short = "家族・介護者 / Family member or carer"
* extension contains ZaitakuLivesWithPatient named livesWithPatient 0..1 MS
* extension[livesWithPatient] ^short = "療養者と同居 / Lives with the patient"
* active MS
* patient MS
* patient ^short = "療養者 / The patient"
* relationship 1..* MS
* relationship ^short = "続柄（v3 RoleCode）と家族内の役割（family-role） / Kinship and family role"
* relationship ^definition = """
続柄を v3 RoleCode（DAU 娘、SON 息子、SPS 配偶者など）で1つ記録し、家族内の役割を family-role のコードで別の relationship
として追加できる。

One entry holds the kinship from v3 RoleCode (DAU, SON, SPS ...); further entries may hold roles from family-role.
"""
* name MS
* name ^short = "氏名（漢字とカナを別々に） / Name (kanji and kana as separate names)"
* insert JpNameRules
* telecom MS
* address MS
