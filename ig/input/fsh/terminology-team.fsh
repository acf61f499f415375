// Terminology for team membership: professions, team functions, participation status.

CodeSystem: ZaitakuProfessionCS
Id: profession
Title: "職種（JP Core 職種コードの補完） / Professions not covered by JP Core"
Description: """
JP Core の職種コード（JP_PractitionerRole_CS）にない、在宅医療・介護連携に関わる職種。
医師・看護師・薬剤師などは JP Core のコードを URL で参照し、このコードシステムでは定義しない。

Professions taking part in Japanese home care that JP Core's JP_PractitionerRole_CS does not define
(care managers, home helpers, social workers ...). Doctors, nurses, pharmacists etc. use the JP Core codes by URL.
"""
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #care-manager "介護支援専門員（ケアマネジャー）" "介護保険法に基づき居宅サービス計画（ケアプラン）を作成し、サービス事業者との連絡調整を行う者。"
* insert En(#care-manager, Care manager)
* #chief-care-manager "主任介護支援専門員" "介護支援専門員のうち、主任介護支援専門員研修を修了した者。"
* insert En(#chief-care-manager, Chief care manager)
* #home-helper "訪問介護員（ホームヘルパー）" "居宅を訪問し、入浴・排泄・食事等の介護や生活援助を行う者。"
* insert En(#home-helper, Home helper)
* #certified-care-worker "介護福祉士" "社会福祉士及び介護福祉士法に基づく国家資格を持つ介護職。"
* insert En(#certified-care-worker, Certified care worker)
* #social-worker "社会福祉士" "社会福祉士及び介護福祉士法に基づく国家資格を持つ相談援助職。"
* insert En(#social-worker, Certified social worker)
* #psychiatric-social-worker "精神保健福祉士" "精神保健福祉士法に基づく国家資格を持つ相談援助職。"
* insert En(#psychiatric-social-worker, Psychiatric social worker)
* #welfare-equipment-advisor "福祉用具専門相談員" "福祉用具の選定・適合・使用方法の助言を行う者。"
* insert En(#welfare-equipment-advisor, Welfare equipment advisor)
* #disability-support-consultant "相談支援専門員" "障害福祉サービスのサービス等利用計画を作成する者。"
* insert En(#disability-support-consultant, Disability support consultant)
* #community-support-center-staff "地域包括支援センター職員" "地域包括支援センターで総合相談・権利擁護・介護予防ケアマネジメント等を担う職員。"
* insert En(#community-support-center-staff, Community general support center staff)
* #home-care-liaison-coordinator "在宅医療・介護連携コーディネーター" "在宅医療・介護連携推進事業の相談窓口で連携調整を担う者。"
* insert En(#home-care-liaison-coordinator, Home-care liaison coordinator)
* #discharge-support-nurse "入退院支援看護師" "病院で入退院支援（退院調整）を担当する看護師。"
* insert En(#discharge-support-nurse, Discharge support nurse)
* #municipal-officer "区市町村職員" "介護保険者・高齢福祉担当として連携に関わる区市町村の職員。"
* insert En(#municipal-officer, Municipal officer)

ValueSet: ZaitakuProfessionVS
Id: profession
Title: "在宅チームの職種 / Professions in a home-care team"
Description: """
在宅療養チームに参加する職種。JP Core の職種コード（URL で参照）と本 IG の職種コードを合わせたもの。

Professions of a home-care team: the JP Core profession codes (referenced by URL) plus this IG's professions.
"""
* insert ZtMeta
* $JPPractitionerRole#JPR10000 "医師"
* $JPPractitionerRole#JPR10200 "歯科医師"
* $JPPractitionerRole#JPR20000 "看護師"
* $JPPractitionerRole#JPR20100 "准看護師"
* $JPPractitionerRole#JPR20300 "保健師"
* $JPPractitionerRole#JPR20600 "介護士"
* $JPPractitionerRole#JPR20800 "歯科衛生士"
* $JPPractitionerRole#JPR30000 "薬剤師"
* $JPPractitionerRole#JPR30400 "理学療法士"
* $JPPractitionerRole#JPR30500 "作業療法士"
* $JPPractitionerRole#JPR30600 "言語聴覚士"
* $JPPractitionerRole#JPR30900 "管理栄養士"
* $JPPractitionerRole#JPR40000 "栄養士"
* $JPPractitionerRole#JPR50300 "医療社会福祉士（MSW）"
* include codes from system ZaitakuProfessionCS

CodeSystem: ZaitakuCareTeamRoleCS
Id: careteam-role
Title: "チーム内の役割 / Functions in a home-care team"
Description: """
在宅療養チームにおける参加者の役割（職種ではなく、そのチームでの機能）。調整役（coordinator）は各チームに1名。

The function a participant has in one home-care team (not the profession). Each team has exactly one coordinator.
"""
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #coordinator "調整役（コーディネーター）" "チームの連絡調整の責任者。通常は介護支援専門員が担う。チームに1名のみ。"
* insert En(#coordinator, Care coordinator)
* #care-manager "担当介護支援専門員" "居宅サービス計画を担当する介護支援専門員。"
* insert En(#care-manager, Care manager in charge)
* #primary-home-physician "在宅主治医" "訪問診療を行い、在宅療養全体の医学的管理を担う医師。"
* insert En(#primary-home-physician, Primary home-care physician)
* #backup-physician "副主治医・連携医" "主治医の不在時・夜間休日を補完する医師。"
* insert En(#backup-physician, Backup physician)
* #hospital-physician "病院主治医" "入院先・専門外来の主治医。"
* insert En(#hospital-physician, Hospital attending physician)
* #visiting-nurse "担当訪問看護師" "訪問看護ステーション等の担当看護師。"
* insert En(#visiting-nurse, Visiting nurse in charge)
* #regular-pharmacist "かかりつけ薬剤師" "訪問薬剤管理指導・居宅療養管理指導を行う薬剤師。"
* insert En(#regular-pharmacist, Regular pharmacist)
* #home-dentist "訪問歯科医師" "訪問歯科診療を行う歯科医師。"
* insert En(#home-dentist, Home-visit dentist)
* #dental-hygienist "担当歯科衛生士" "口腔ケア・口腔機能管理を行う歯科衛生士。"
* insert En(#dental-hygienist, Dental hygienist)
* #dietitian "担当管理栄養士" "訪問栄養食事指導を行う管理栄養士。"
* insert En(#dietitian, Registered dietitian)
* #rehab-therapist "担当リハビリ職" "理学療法士・作業療法士・言語聴覚士。"
* insert En(#rehab-therapist, Rehabilitation therapist)
* #home-helper "担当ヘルパー" "訪問介護を行う訪問介護員。"
* insert En(#home-helper, Home helper)
* #medical-social-worker "担当MSW" "病院の医療ソーシャルワーカー。"
* insert En(#medical-social-worker, Medical social worker)
* #discharge-coordinator "病院の入退院支援担当" "病院で退院調整を担当する看護師・MSW。"
* insert En(#discharge-coordinator, Hospital discharge coordinator)
* #key-person "キーパーソン" "家族等のうち、本人の療養について中心となって判断・連絡を受ける者。"
* insert En(#key-person, Key person)
* #family-caregiver "主介護者（家族）" "日常の介護を主に担う家族・介護者。"
* insert En(#family-caregiver, Family caregiver)
* #patient "本人" "療養者本人。"
* insert En(#patient, Patient)

ValueSet: ZaitakuCareTeamRoleVS
Id: careteam-role
Title: "チーム内の役割 / Functions in a home-care team"
Description: "在宅療養チームでの役割。 / Functions of participants in a home-care team."
* insert ZtMeta
* include codes from system ZaitakuCareTeamRoleCS

ValueSet: ZaitakuCareTeamParticipantRoleVS
Id: careteam-participant-role
Title: "チーム参加者の role / CareTeam.participant.role"
Description: """
CareTeam.participant.role に使うコード。チーム内の役割（必須、1つ）と職種（任意）を別々の role として記録する。

Codes for CareTeam.participant.role: one role carries the team function (required), another the profession (optional).
"""
* insert ZtMeta
* include codes from valueset ZaitakuCareTeamRoleVS
* include codes from valueset ZaitakuProfessionVS

CodeSystem: ZaitakuParticipationStatusCS
Id: participation-status
Title: "チームへの参加状況 / Participation status"
Description: "チーム参加者の参加状況。入院中の一時停止を表す。 / Whether a participant currently takes part in the team."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #active "参加中" "チームの一員として活動している。"
* insert En(#active, Active)
* #paused "一時停止（入院中等）" "入院等で一時的に活動していないがチームに残っている。退院時に自動的に再連携する。"
* insert En(#paused, Paused)
* #ended "終了" "チームから外れた。"
* insert En(#ended, Ended)

ValueSet: ZaitakuParticipationStatusVS
Id: participation-status
Title: "チームへの参加状況 / Participation status"
Description: "チーム参加者の参加状況。 / Participation status of a team member."
* insert ZtMeta
* include codes from system ZaitakuParticipationStatusCS

ValueSet: ZaitakuCareTeamCategoryVS
Id: careteam-category
Title: "在宅チームの種類 / Home-care team categories"
Description: "LOINC によるケアチームの種類。 / LOINC answers for the kind of care team."
* insert ZtMeta
* $LNC#LA28865-6 "Longitudinal care-coordination focused care team"
* $LNC#LA27976-2 "Encounter-focused care team"
