// Identifier systems minted by this IG. JP Core systems (医療機関コード, patient-ID OIDs, 医籍登録番号,
// 保険者番号, 都道府県番号) are used by URL and not redefined here.

RuleSet: ZtNamingSystem(id)
* status = #draft
* kind = #identifier
* date = "2025-06-01"
* publisher = "Zaitaku FHIR"
* jurisdiction = urn:iso:std:iso:3166#JP "Japan"
* uniqueId[0].type = #uri
* uniqueId[0].value = "https://zaitaku-fhir.github.io/ig/NamingSystem/{id}"
* uniqueId[0].preferred = true

Instance: ltci-insured-number
InstanceOf: NamingSystem
Usage: #definition
Title: "介護保険被保険者番号 / LTCI insured-person number"
* insert ZtNamingSystem(ltci-insured-number)
* name = "ZaitakuLtciInsuredNumber"
* description = "区市町村が交付する介護保険被保険者証の番号（通常10桁）。 / Number on the long-term care insurance card issued by the municipality (usually 10 digits)."

Instance: ltci-insurer-number
InstanceOf: NamingSystem
Usage: #definition
Title: "介護保険の保険者番号 / LTCI insurer number"
* insert ZtNamingSystem(ltci-insurer-number)
* name = "ZaitakuLtciInsurerNumber"
* description = "介護保険の保険者（区市町村）の番号（6桁）。医療保険の保険者番号とは別。 / Number of the municipality as LTC insurer (6 digits), not the health-insurance insurer number."

Instance: ltci-provider-number
InstanceOf: NamingSystem
Usage: #definition
Title: "介護保険事業所番号 / LTCI provider number"
* insert ZtNamingSystem(ltci-provider-number)
* name = "ZaitakuLtciProviderNumber"
* description = "介護保険の指定事業所番号（10桁：都道府県2・事業所区分1・郡市区2・番号4・検査数字1）。 / Number of a designated LTCI provider (10 characters with a check digit)."

Instance: care-manager-registration
InstanceOf: NamingSystem
Usage: #definition
Title: "介護支援専門員登録番号 / Care-manager registration number"
* insert ZtNamingSystem(care-manager-registration)
* name = "ZaitakuCareManagerRegistration"
* description = "都道府県が付与する介護支援専門員の登録番号。 / Registration number of a care manager issued by the prefecture."

Instance: patient-id
InstanceOf: NamingSystem
Usage: #definition
Title: "地域連携の患者ID / Regional patient id"
* insert ZtNamingSystem(patient-id)
* name = "ZaitakuRegionalPatientId"
* description = "本サーバー（地域の在宅医療・介護連携）で付番する患者ID。施設ごとの患者IDは JP Core の OID を使う。 / Patient id assigned by this regional home-care server; facility patient ids use the JP Core OIDs."

Instance: user-id
InstanceOf: NamingSystem
Usage: #definition
Title: "利用者ID / User id"
* insert ZtNamingSystem(user-id)
* name = "ZaitakuUserId"
* description = "本サーバーの利用者（職員・家族）のID。医師・歯科医師以外の医療介護職の ID 名前空間として使う。 / Id of a user of this server (staff or family); the namespace for professionals other than doctors and dentists."

Instance: communication-thread
InstanceOf: NamingSystem
Usage: #definition
Title: "連絡のスレッドID / Message thread id"
* insert ZtNamingSystem(communication-thread)
* name = "ZaitakuCommunicationThreadId"
* description = "チーム内連絡のスレッドを識別する urn:uuid。 / urn:uuid that identifies a thread of team messages."
