// Terminology for visits/conferences (Encounter) and long-term care insurance (介護保険).

CodeSystem: ZaitakuEncounterTypeCS
Id: encounter-type
Title: "在宅の訪問・会議の種類 / Home-care encounter types"
Description: "訪問診療・訪問看護などの訪問、入退院、カンファレンスの種類。 / Home visits, admissions, discharges and conferences."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #home-visit-planned "訪問診療" "計画的・定期的に医師が居宅を訪問して行う診療。"
* insert En(#home-visit-planned, Scheduled home visit by a physician)
* #home-visit-urgent "往診" "患者・家族の求めに応じて医師が臨時に訪問して行う診療。"
* insert En(#home-visit-urgent, Urgent home visit by a physician)
* #visiting-nursing "訪問看護" "看護師等が居宅を訪問して行う看護。"
* insert En(#visiting-nursing, Visiting nursing)
* #home-dental "訪問歯科診療" "歯科医師・歯科衛生士が居宅を訪問して行う診療・口腔ケア。"
* insert En(#home-dental, Home dental visit)
* #home-pharmacy "訪問薬剤管理指導・居宅療養管理指導（薬剤師）" "薬剤師が居宅を訪問して行う薬学的管理指導。"
* insert En(#home-pharmacy, Home pharmacy visit)
* #home-nutrition "訪問栄養食事指導" "管理栄養士が居宅を訪問して行う栄養食事指導。"
* insert En(#home-nutrition, Home nutrition guidance)
* #home-rehab "訪問リハビリテーション" "理学療法士等が居宅を訪問して行うリハビリテーション。"
* insert En(#home-rehab, Home rehabilitation)
* #home-help "訪問介護" "訪問介護員が居宅を訪問して行う身体介護・生活援助。"
* insert En(#home-help, Home help visit)
* #admission "入院" "病院への入院。"
* insert En(#admission, Hospital admission)
* #admission-handover "入院時情報連携" "入院時に介護支援専門員等が病院へ情報提供すること。"
* insert En(#admission-handover, Admission information handover)
* #discharge "退院" "病院からの退院。"
* insert En(#discharge, Hospital discharge)
* #pre-discharge-conference "退院前カンファレンス（退院時共同指導）" "退院前に病院と在宅チームが合同で行うカンファレンス。"
* insert En(#pre-discharge-conference, Pre-discharge conference)
* #service-coordination-meeting "サービス担当者会議" "介護支援専門員が招集するケアプランの担当者会議。"
* insert En(#service-coordination-meeting, Care-plan service meeting)
* #emergency-conference "在宅患者緊急時等カンファレンス" "急変時等に関係職種が行うカンファレンス。"
* insert En(#emergency-conference, Emergency case conference)
* #death-confirmation "看取り・死亡確認" "看取り・死亡確認のための訪問。"
* insert En(#death-confirmation, Death confirmation visit)

ValueSet: ZaitakuEncounterTypeVS
Id: encounter-type
Title: "在宅の訪問・会議の種類 / Home-care encounter types"
Description: "在宅の訪問・会議の種類。 / Home-care encounter types."
* insert ZtMeta
* include codes from system ZaitakuEncounterTypeCS

ValueSet: ZaitakuConferenceTypeVS
Id: conference-type
Title: "カンファレンスの種類 / Conference types"
Description: "多職種カンファレンス・会議の種類。 / Multi-professional conferences."
* insert ZtMeta
* $EncounterType#pre-discharge-conference
* $EncounterType#service-coordination-meeting
* $EncounterType#emergency-conference

ValueSet: ZaitakuEncounterClassVS
Id: encounter-class
Title: "在宅の Encounter.class / Encounter classes for home care"
Description: "在宅療養で使う Encounter.class（v3 ActCode）。 / v3 ActCode classes used in home care."
* insert ZtMeta
* $v3ActCode#HH "home health"
* $v3ActCode#AMB "ambulatory"
* $v3ActCode#IMP "inpatient encounter"
* $v3ActCode#EMER "emergency"
* $v3ActCode#VR "virtual"

CodeSystem: ZaitakuLtciCareLevelCS
Id: ltci-care-level
Title: "要介護状態区分 / LTCI care level"
Description: """
介護保険の要介護状態区分コード（介護給付費請求で使う2桁コード）。

Care level of Japan's long-term care insurance, as the 2-digit codes used in LTC claims.
"""
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #01 "非該当" "要介護・要支援に該当しない。"
* insert En(#01, Not eligible)
* #06 "事業対象者" "介護予防・日常生活支援総合事業の対象者。"
* insert En(#06, Eligible for the comprehensive community program only)
* #11 "要支援（経過的要介護）" "経過措置の区分。"
* insert En(#11, Support required - transitional)
* #12 "要支援1" "要支援1。"
* insert En(#12, Support level 1)
* #13 "要支援2" "要支援2。"
* insert En(#13, Support level 2)
* #21 "要介護1" "要介護1。"
* insert En(#21, Care level 1)
* #22 "要介護2" "要介護2。"
* insert En(#22, Care level 2)
* #23 "要介護3" "要介護3。"
* insert En(#23, Care level 3)
* #24 "要介護4" "要介護4。"
* insert En(#24, Care level 4)
* #25 "要介護5" "要介護5。"
* insert En(#25, Care level 5)

ValueSet: ZaitakuLtciCareLevelVS
Id: ltci-care-level
Title: "要介護状態区分 / LTCI care level"
Description: "要介護状態区分。 / LTCI care level."
* insert ZtMeta
* include codes from system ZaitakuLtciCareLevelCS

CodeSystem: ZaitakuLtciServiceTypeCS
Id: ltci-service-type
Title: "介護サービス種類 / LTCI service types"
Description: """
介護保険のサービス種類コード（2桁）のうち在宅療養で主に使うもの。

The subset of Japan's 2-character LTCI service-type codes used around home care.
"""
* insert ZtMeta
* ^caseSensitive = true
* ^content = #fragment
* #11 "訪問介護"
* insert En(#11, Home help)
* #12 "訪問入浴介護"
* insert En(#12, Home bathing)
* #13 "訪問看護"
* insert En(#13, Visiting nursing under LTCI)
* #14 "訪問リハビリテーション"
* insert En(#14, Home rehabilitation)
* #15 "通所介護"
* insert En(#15, Day service)
* #16 "通所リハビリテーション"
* insert En(#16, Day rehabilitation)
* #17 "福祉用具貸与"
* insert En(#17, Welfare equipment rental)
* #21 "短期入所生活介護"
* insert En(#21, Short-stay daily life care)
* #22 "短期入所療養介護（介護老人保健施設）"
* insert En(#22, Short-stay medical care)
* #31 "居宅療養管理指導"
* insert En(#31, Home medical guidance)
* #32 "認知症対応型共同生活介護"
* insert En(#32, Dementia group home)
* #33 "特定施設入居者生活介護"
* insert En(#33, Care in specified facilities)
* #43 "居宅介護支援"
* insert En(#43, Care management)
* #46 "介護予防支援"
* insert En(#46, Preventive care management)
* #51 "介護福祉施設サービス"
* insert En(#51, Nursing home service)
* #52 "介護保健施設サービス"
* insert En(#52, Geriatric health services facility)
* #55 "介護医療院サービス"
* insert En(#55, Integrated facility for medical and long-term care)
* #71 "夜間対応型訪問介護"
* insert En(#71, Night-time home help)
* #72 "認知症対応型通所介護"
* insert En(#72, Dementia day service)
* #73 "小規模多機能型居宅介護"
* insert En(#73, Small-scale multifunctional home care)
* #76 "定期巡回・随時対応型訪問介護看護"
* insert En(#76, Periodic and on-demand home care and nursing)
* #77 "看護小規模多機能型居宅介護"
* insert En(#77, Nursing small-scale multifunctional home care)
* #78 "地域密着型通所介護"
* insert En(#78, Community-based day service)
* #AF "介護予防ケアマネジメント"
* insert En(#AF, Preventive care management in the comprehensive program)

ValueSet: ZaitakuLtciServiceTypeVS
Id: ltci-service-type
Title: "介護サービス種類 / LTCI service types"
Description: "介護サービス種類。 / LTCI service types."
* insert ZtMeta
* include codes from system ZaitakuLtciServiceTypeCS

ValueSet: ZaitakuCarePlanActivityVS
Id: careplan-activity
Title: "計画の活動 / Care-plan activities"
Description: "CarePlan.activity.detail.code：訪問の種類または介護サービス種類。 / Visit types or LTCI service types."
* insert ZtMeta
* include codes from system ZaitakuEncounterTypeCS
* include codes from system ZaitakuLtciServiceTypeCS
