// Terminology for care plans: plan types, disease tracks, places of care/death, ACP status.

CodeSystem: ZaitakuCarePlanTypeCS
Id: careplan-type
Title: "計画の種類 / Care-plan types"
Description: "在宅療養で共有する計画の種類。 / Kinds of plans shared in home care."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #home-care-overall "在宅療養計画（全体）" "チーム全体で共有する在宅療養の方針と計画。"
* insert En(#home-care-overall, Overall home-care plan)
* #ltc-care-plan "居宅サービス計画（ケアプラン）" "介護支援専門員が作成する居宅サービス計画。"
* insert En(#ltc-care-plan, LTC service plan)
* #nursing-plan "訪問看護計画" "訪問看護計画書に相当する計画。"
* insert En(#nursing-plan, Visiting-nursing plan)
* #discharge-support "退院支援計画" "入院当初から退院後の療養に向けて立てる計画。"
* insert En(#discharge-support, Discharge support plan)
* #acp "人生会議（ACP）方針" "本人の意思に基づく今後の医療・ケアの方針。"
* insert En(#acp, Advance care planning)
* #end-of-life "看取り計画" "看取り期のケア計画。"
* insert En(#end-of-life, End-of-life care plan)
* #nutrition "栄養ケア計画" "栄養ケア・栄養食事指導の計画。"
* insert En(#nutrition, Nutrition care plan)
* #oral-swallowing "口腔・摂食嚥下支援計画" "口腔機能・摂食嚥下の支援計画。"
* insert En(#oral-swallowing, Oral and swallowing plan)
* #medication-support "服薬支援計画" "服薬管理・服薬支援の計画。"
* insert En(#medication-support, Medication support plan)
* #emergency-response "急変時対応計画" "急変時の連絡先・対応・搬送先の取り決め。"
* insert En(#emergency-response, Emergency response plan)
* #rehabilitation "リハビリテーション計画" "訪問リハビリテーションの計画。"
* insert En(#rehabilitation, Rehabilitation plan)

ValueSet: ZaitakuCarePlanTypeVS
Id: careplan-type
Title: "計画の種類 / Care-plan types"
Description: "在宅療養で共有する計画の種類。 / Kinds of plans shared in home care."
* insert ZtMeta
* include codes from system ZaitakuCarePlanTypeCS

CodeSystem: ZaitakuCareTrackCS
Id: care-track
Title: "療養の経過類型 / Care tracks"
Description: """
在宅療養の経過類型（がん・非がん・看取り期）。がんと非がん慢性疾患では経過と支援の枠組みが異なる。

Disease trajectory of the patient's home care: cancer, non-cancer chronic disease, end of life.
"""
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* ^hierarchyMeaning = #is-a
* #cancer "がん" "悪性腫瘍による在宅療養。"
* insert En(#cancer, Cancer)
* #cancer #cancer-terminal "末期がん" "末期の悪性腫瘍。"
* insert En(#cancer #cancer-terminal, Terminal cancer)
* #cancer #cancer-no-active-treatment "積極的治療を希望しないがん" "化学療法等の積極的治療を行わない悪性腫瘍。"
* insert En(#cancer #cancer-no-active-treatment, Cancer without active treatment)
* #non-cancer-chronic "非がん慢性疾患" "悪性腫瘍以外の慢性疾患による在宅療養。"
* insert En(#non-cancer-chronic, Non-cancer chronic disease)
* #non-cancer-chronic #heart-failure "慢性心不全" "慢性心不全。"
* insert En(#non-cancer-chronic #heart-failure, Chronic heart failure)
* #non-cancer-chronic #chronic-respiratory "COPD・慢性呼吸不全" "慢性閉塞性肺疾患・慢性呼吸不全。"
* insert En(#non-cancer-chronic #chronic-respiratory, Chronic respiratory failure)
* #non-cancer-chronic #dementia "認知症" "認知症。"
* insert En(#non-cancer-chronic #dementia, Dementia)
* #non-cancer-chronic #neuro-intractable "神経難病" "ALS・パーキンソン病等の神経難病。"
* insert En(#non-cancer-chronic #neuro-intractable, Intractable neurological disease)
* #non-cancer-chronic #stroke-sequelae "脳卒中後遺症" "脳血管疾患の後遺症。"
* insert En(#non-cancer-chronic #stroke-sequelae, Post-stroke)
* #non-cancer-chronic #frailty "老衰・フレイル" "老衰・フレイル。"
* insert En(#non-cancer-chronic #frailty, Frailty or senility)
* #pediatric "小児在宅" "医療的ケア児等の小児在宅療養。"
* insert En(#pediatric, Pediatric home care)
* #end-of-life "看取り期" "疾患によらず、看取りの時期にある。"
* insert En(#end-of-life, End of life)

ValueSet: ZaitakuCareTrackVS
Id: care-track
Title: "療養の経過類型 / Care tracks"
Description: "在宅療養の経過類型。 / Care tracks of home care."
* insert ZtMeta
* include codes from system ZaitakuCareTrackCS

CodeSystem: ZaitakuPlaceOfCareCS
Id: place-of-care
Title: "療養・最期を迎える場所 / Place of care or death"
Description: "希望する療養場所・最期を迎える場所、退院先の種類。 / Preferred place of care or death; discharge destination kind."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #home "自宅" "本人の自宅。"
* insert En(#home, Own home)
* #family-home "家族宅" "家族の家。"
* insert En(#family-home, Family's home)
* #tokuyo "特別養護老人ホーム" "介護老人福祉施設。"
* insert En(#tokuyo, Nursing home)
* #roken "介護老人保健施設" "介護老人保健施設。"
* insert En(#roken, Geriatric health services facility)
* #private-residence "有料老人ホーム・サービス付き高齢者向け住宅" "有料老人ホーム・サ高住。"
* insert En(#private-residence, Assisted living)
* #group-home "認知症グループホーム" "認知症対応型共同生活介護。"
* insert En(#group-home, Dementia group home)
* #hospital "病院" "一般病棟等への入院。"
* insert En(#hospital, Hospital)
* #palliative-ward "緩和ケア病棟・ホスピス" "緩和ケア病棟・ホスピス。"
* insert En(#palliative-ward, Hospice or palliative ward)
* #undecided "未定" "まだ決めていない。"
* insert En(#undecided, Undecided)

ValueSet: ZaitakuPlaceOfCareVS
Id: place-of-care
Title: "療養・最期を迎える場所 / Place of care or death"
Description: "療養・最期を迎える場所。 / Place of care or death."
* insert ZtMeta
* include codes from system ZaitakuPlaceOfCareCS

CodeSystem: ZaitakuAcpStatusCS
Id: acp-status
Title: "人生会議（ACP）の状況 / ACP status"
Description: "人生会議（アドバンス・ケア・プランニング）の話し合いの状況。 / State of advance care planning discussions."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #not-started "未実施" "まだ話し合っていない。"
* insert En(#not-started, Not started)
* #in-progress "話し合い中" "話し合いを始めたが方針は固まっていない。"
* insert En(#in-progress, In progress)
* #agreed "方針合意" "本人・家族・チームで方針を共有した。"
* insert En(#agreed, Agreed)
* #review-needed "見直し要" "状態の変化等により見直しが必要。"
* insert En(#review-needed, Review needed)

ValueSet: ZaitakuAcpStatusVS
Id: acp-status
Title: "人生会議（ACP）の状況 / ACP status"
Description: "人生会議の状況。 / ACP status."
* insert ZtMeta
* include codes from system ZaitakuAcpStatusCS

ValueSet: ZaitakuClinsCarePlanCategoryVS
Id: clins-careplan-category
Title: "JP-CLINS 療養計画の区分 / JP-CLINS care-plan categories"
Description: "JP-CLINS 患者サマリー（療養計画）の区分（URL で参照）。 / JP-CLINS care-plan categories, referenced by URL."
* insert ZtMeta
* $ClinsCarePlanCategory#admission-plan "入院時"
* $ClinsCarePlanCategory#hospital-plan "入院中"
* $ClinsCarePlanCategory#discharge-plan "退院時"
* $ClinsCarePlanCategory#followup-plan "外来診療経過中"
