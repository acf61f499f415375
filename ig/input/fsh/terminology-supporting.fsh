// Terminology for the supporting profiles: organizations, family, consent, referrals, the service
// directory and insurance coverage. The LTCI care level (要介護状態区分) is in terminology-encounter-ltc.fsh.

CodeSystem: ZaitakuOrganizationTypeCS
Id: organization-type
Title: "事業所・機関の種類 / Organization types"
Description: "在宅医療・介護連携に関わる事業所・機関の種類。 / Kinds of organizations taking part in home care."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #hospital "病院" "病床20床以上の医療機関。"
* insert En(#hospital, Hospital)
* #clinic "診療所" "病床19床以下または無床の医療機関。"
* insert En(#clinic, Clinic)
* #dental-clinic "歯科診療所" "歯科の診療所。"
* insert En(#dental-clinic, Dental clinic)
* #pharmacy "薬局" "保険薬局。"
* insert En(#pharmacy, Pharmacy)
* #visiting-nursing-station "訪問看護ステーション" "指定訪問看護事業所。"
* insert En(#visiting-nursing-station, Visiting-nursing station)
* #care-management-office "居宅介護支援事業所" "介護支援専門員が居宅サービス計画を作成する事業所。"
* insert En(#care-management-office, Care-management office)
* #home-help-office "訪問介護事業所" "訪問介護を提供する事業所。"
* insert En(#home-help-office, Home-help office)
* #day-service "通所介護事業所" "通所介護（デイサービス）を提供する事業所。"
* insert En(#day-service, Day-service center)
* #community-support-center "地域包括支援センター" "市区町村が設置する高齢者の総合相談の機関。"
* insert En(#community-support-center, Community general support center)
* #roken "介護老人保健施設" "介護老人保健施設。"
* insert En(#roken, Geriatric health services facility)
* #tokuyo "特別養護老人ホーム" "介護老人福祉施設。"
* insert En(#tokuyo, Nursing home)
* #municipality "区市町村（介護保険者）" "介護保険の保険者である区市町村。"
* insert En(#municipality, Municipality as LTC insurer)
* #medical-association "医師会・歯科医師会・薬剤師会" "地域の職能団体。"
* insert En(#medical-association, Professional association)

ValueSet: ZaitakuOrganizationTypeVS
Id: organization-type
Title: "事業所・機関の種類 / Organization types"
Description: "事業所・機関の種類。 / Organization types."
* insert ZtMeta
* include codes from system ZaitakuOrganizationTypeCS

CodeSystem: ZaitakuFamilyRoleCS
Id: family-role
Title: "家族・介護者の役割 / Roles of family members"
Description: """
療養者の家族・介護者が担う役割（続柄ではない）。続柄は v3 RoleCode で別に記録する。

The part a family member or carer plays in the patient's care (not the kinship, which uses v3 RoleCode).
"""
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #key-person "キーパーソン" "家族等のうち、本人の療養について中心となって判断・連絡を受ける者。"
* insert En(#key-person, Key person)
* #primary-caregiver "主介護者" "日常の介護を主に担う者。"
* insert En(#primary-caregiver, Primary caregiver)
* #secondary-caregiver "副介護者" "主介護者を補助する者。"
* insert En(#secondary-caregiver, Secondary caregiver)
* #proxy-decision-maker "代理意思決定者" "本人が意思を示せないときに本人の意思を推定して伝える者（人生会議で本人が指名）。"
* insert En(#proxy-decision-maker, Proxy decision maker)
* #emergency-contact "緊急連絡先" "急変時などに連絡を受ける者。"
* insert En(#emergency-contact, Emergency contact)
* #legal-guardian "成年後見人" "家庭裁判所が選任した成年後見人等。"
* insert En(#legal-guardian, Legal guardian)
* #distant-family "遠方の家族" "離れて暮らし、電話等で関わる家族。"
* insert En(#distant-family, Family living far away)

ValueSet: ZaitakuFamilyRoleVS
Id: family-role
Title: "家族・介護者の役割 / Roles of family members"
Description: "家族・介護者の役割。 / Roles of family members and carers."
* insert ZtMeta
* include codes from system ZaitakuFamilyRoleCS

CodeSystem: ZaitakuConsentPolicyCS
Id: consent-policy
Title: "同意の根拠 / Basis of a consent"
Description: "同意（Consent.policyRule）が拠って立つ規則・指針。 / The rule or guideline a consent is given under (Consent.policyRule)."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #team-sharing "在宅療養チームでの情報共有への同意" "要配慮個人情報を含む療養者の情報を、在宅療養チームの参加者（他の事業所・機関）に提供することへの本人（または代理人）の事前の同意（個人情報保護法）。"
* insert En(#team-sharing, Consent to sharing within the home-care team)
* #acp-guideline "人生の最終段階における医療・ケアの決定プロセスに関するガイドラインに基づく意思決定" "厚生労働省のガイドラインに沿い、本人・家族・医療ケアチームの話し合い（人生会議）で確認した本人の意思。"
* insert En(#acp-guideline, Decision following the MHLW guideline on end-of-life care decisions)

ValueSet: ZaitakuConsentPolicyVS
Id: consent-policy
Title: "同意の根拠 / Basis of a consent"
Description: "同意の根拠。 / Basis of a consent."
* insert ZtMeta
* include codes from system ZaitakuConsentPolicyCS

CodeSystem: ZaitakuConsentMethodCS
Id: consent-method
Title: "同意の取得方法 / How consent was obtained"
Description: "同意を得た方法。居宅介護支援では文書による同意が求められる。 / How a consent was obtained; care management requires written consent."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #written "書面" "署名のある同意書による。"
* insert En(#written, Written)
* #verbal-recorded "口頭（記録あり）" "口頭で同意を得て、その旨を記録した。"
* insert En(#verbal-recorded, Verbal with a record)
* #electronic "電子" "電子的な署名・同意画面による。"
* insert En(#electronic, Electronic)

ValueSet: ZaitakuConsentMethodVS
Id: consent-method
Title: "同意の取得方法 / How consent was obtained"
Description: "同意の取得方法。 / How consent was obtained."
* insert ZtMeta
* include codes from system ZaitakuConsentMethodCS

CodeSystem: ZaitakuAcpTreatmentCS
Id: acp-treatment
Title: "人生会議で話し合う医療処置 / Treatments discussed in ACP"
Description: """
人生会議（ACP）で本人の希望を確認する医療処置。Consent.provision.provision.code に使い、type（permit / deny）で希望する・希望しないを表す。

Treatments whose acceptance the patient states in advance care planning; used in Consent.provision.provision.code
with type permit (wants) or deny (declines).
"""
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #cpr "心肺蘇生" "心臓マッサージ・除細動等の心肺蘇生。"
* insert En(#cpr, Cardiopulmonary resuscitation)
* #intubation "気管挿管・人工呼吸器" "気管挿管と人工呼吸器による呼吸管理。"
* insert En(#intubation, Intubation and mechanical ventilation)
* #tube-feeding "経管栄養（胃ろう等）" "胃ろう・経鼻胃管等による栄養。"
* insert En(#tube-feeding, Tube feeding)
* #iv-hydration "点滴・輸液" "点滴による水分・栄養の補給。"
* insert En(#iv-hydration, IV hydration)
* #antibiotics "抗菌薬治療" "感染症に対する抗菌薬の投与。"
* insert En(#antibiotics, Antibiotics)
* #dialysis "透析" "血液透析・腹膜透析。"
* insert En(#dialysis, Dialysis)
* #emergency-transport "救急搬送" "急変時の救急車による搬送。"
* insert En(#emergency-transport, Emergency transport)
* #hospitalization "入院治療" "病院に入院しての治療。"
* insert En(#hospitalization, Hospital treatment)
* #palliative-sedation "緩和的鎮静" "耐えがたい苦痛に対する鎮静。"
* insert En(#palliative-sedation, Palliative sedation)

ValueSet: ZaitakuAcpTreatmentVS
Id: acp-treatment
Title: "人生会議で話し合う医療処置 / Treatments discussed in ACP"
Description: "人生会議で話し合う医療処置。 / Treatments discussed in advance care planning."
* insert ZtMeta
* include codes from system ZaitakuAcpTreatmentCS

CodeSystem: ZaitakuReferralTypeCS
Id: referral-type
Title: "依頼の種類 / Referral types"
Description: "在宅療養での紹介・依頼（ServiceRequest.code）の種類。 / Kinds of referrals and requests in home care (ServiceRequest.code)."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #visiting-nursing "訪問看護の開始依頼" "訪問看護ステーションへの訪問看護の導入・開始の依頼。"
* insert En(#visiting-nursing, Request to start visiting nursing)
* #visiting-nursing-order "訪問看護指示（訪問看護指示書）" "主治医から訪問看護ステーションへの訪問看護指示。"
* insert En(#visiting-nursing-order, Visiting-nursing order)
* #special-visiting-nursing-order "特別訪問看護指示" "急性増悪時等の頻回の訪問看護の指示。"
* insert En(#special-visiting-nursing-order, Special visiting-nursing order)
* #home-medical-care "訪問診療の依頼" "在宅医への訪問診療の導入の依頼。"
* insert En(#home-medical-care, Request for home medical care)
* #home-dental "訪問歯科診療の依頼" "歯科医師への訪問歯科診療の依頼。"
* insert En(#home-dental, Home dental care referral)
* #swallowing-evaluation "摂食嚥下機能評価の依頼" "嚥下内視鏡検査等による摂食嚥下機能の評価の依頼。"
* insert En(#swallowing-evaluation, Swallowing evaluation)
* #oral-care "口腔ケア・口腔機能管理の依頼" "歯科衛生士等による口腔ケアの依頼。"
* insert En(#oral-care, Oral care)
* #home-nutrition "訪問栄養食事指導の依頼" "管理栄養士による訪問栄養食事指導の依頼。"
* insert En(#home-nutrition, Home nutrition guidance)
* #home-pharmacy "訪問薬剤管理指導の依頼" "薬剤師による訪問薬剤管理指導・居宅療養管理指導の依頼。"
* insert En(#home-pharmacy, Home pharmacy management)
* #pharmacy-reconnect "かかりつけ薬局への再連携" "退院時に入院前のかかりつけ薬局へ服薬管理を戻す依頼。"
* insert En(#pharmacy-reconnect, Reconnect the regular pharmacy)
* #home-rehab "訪問リハビリテーションの依頼" "訪問リハビリテーションの依頼。"
* insert En(#home-rehab, Home rehabilitation)
* #care-management "居宅介護支援の依頼" "居宅介護支援事業所への担当介護支援専門員の依頼。"
* insert En(#care-management, Care-management request)
* #ltc-application-support "要介護認定の申請支援" "要介護認定の申請の支援の依頼。"
* insert En(#ltc-application-support, LTC certification application support)
* #backup-bed-admission "後方支援病床への入院依頼" "急変時等の後方支援病床への入院の依頼。"
* insert En(#backup-bed-admission, Back-up bed admission)
* #respite-admission "レスパイト入院の依頼" "介護者の休息のための入院の依頼。"
* insert En(#respite-admission, Respite admission)
* #palliative-consult "緩和ケア相談" "緩和ケアチーム・緩和ケア病棟への相談。"
* insert En(#palliative-consult, Palliative care consultation)

ValueSet: ZaitakuReferralTypeVS
Id: referral-type
Title: "依頼の種類 / Referral types"
Description: "依頼の種類。 / Referral types."
* insert ZtMeta
* include codes from system ZaitakuReferralTypeCS

CodeSystem: ZaitakuServiceCapabilityCS
Id: service-capability
Title: "提供できるサービス・機能 / Service capabilities"
Description: "医療・介護資源の一覧（HealthcareService.type）で使う、事業所が提供できるサービス・機能。 / What a service offers, for the directory of local resources (HealthcareService.type)."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #zaitaku-clinic "在宅療養支援診療所" "24時間往診・訪問看護の体制を持つ診療所。"
* insert En(#zaitaku-clinic, Home-care support clinic)
* #zaitaku-clinic-enhanced "機能強化型在宅療養支援診療所" "複数医師等の体制を持つ在宅療養支援診療所。"
* insert En(#zaitaku-clinic-enhanced, Enhanced home-care support clinic)
* #zaitaku-hospital "在宅療養支援病院" "24時間往診等の体制を持つ病院。"
* insert En(#zaitaku-hospital, Home-care support hospital)
* #backup-hospital "在宅療養後方支援病院" "在宅療養中の患者の緊急時の入院を受け入れる病院（バックアップ病床）。"
* insert En(#backup-hospital, Home-care back-up hospital)
* #community-care-ward "地域包括ケア病棟" "急性期後・在宅からの受入れを担う病棟。"
* insert En(#community-care-ward, Community-based care ward)
* #palliative-ward "緩和ケア病棟" "緩和ケア病棟。"
* insert En(#palliative-ward, Palliative care ward)
* #visiting-nursing "訪問看護" "訪問看護。"
* insert En(#visiting-nursing, Visiting nursing)
* #visiting-nursing-24h "24時間対応訪問看護" "24時間の電話相談・緊急訪問に対応する訪問看護。"
* insert En(#visiting-nursing-24h, 24-hour visiting nursing)
* #zaitaku-dental "在宅療養支援歯科診療所" "訪問歯科診療の体制を持つ歯科診療所。"
* insert En(#zaitaku-dental, Home-care support dental clinic)
* #swallowing-evaluation "摂食嚥下評価" "嚥下内視鏡検査等の摂食嚥下評価に対応。"
* insert En(#swallowing-evaluation, Swallowing evaluation)
* #home-pharmacy "在宅訪問対応薬局" "訪問薬剤管理指導に対応する薬局。"
* insert En(#home-pharmacy, Home-visit pharmacy)
* #pharmacy-24h "24時間対応薬局" "夜間・休日の調剤・相談に対応する薬局。"
* insert En(#pharmacy-24h, 24-hour pharmacy)
* #home-nutrition "訪問栄養食事指導" "管理栄養士の訪問に対応。"
* insert En(#home-nutrition, Home nutrition service)
* #respite "レスパイト受入れ" "介護者の休息のための入院・入所の受入れ。"
* insert En(#respite, Respite acceptance)
* #teiki-junkai "定期巡回・随時対応型訪問介護看護" "定期巡回・随時対応型訪問介護看護。"
* insert En(#teiki-junkai, Periodic and on-demand home care)

ValueSet: ZaitakuServiceCapabilityVS
Id: service-capability
Title: "提供できるサービス・機能 / Service capabilities"
Description: "提供できるサービス・機能。 / Service capabilities."
* insert ZtMeta
* include codes from system ZaitakuServiceCapabilityCS

CodeSystem: ZaitakuCoverageTypeCS
Id: coverage-type
Title: "保険・公費の種類 / Kinds of coverage"
Description: "在宅療養の費用を負担する制度の種類（Coverage.type）。 / The scheme that pays for home care (Coverage.type)."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #ltci "介護保険" "介護保険法による介護保険。"
* insert En(#ltci, Long-term care insurance)
* #medical "医療保険" "健康保険・国民健康保険・後期高齢者医療制度。"
* insert En(#medical, Health insurance)
* #public "公費" "難病・生活保護等の公費負担医療。"
* insert En(#public, Public funding)

ValueSet: ZaitakuCoverageTypeVS
Id: coverage-type
Title: "保険・公費の種類 / Kinds of coverage"
Description: "保険・公費の種類。 / Kinds of coverage."
* insert ZtMeta
* include codes from system ZaitakuCoverageTypeCS

CodeSystem: ZaitakuLtciCertificationStatusCS
Id: ltci-certification-status
Title: "要介護認定の状況 / LTCI certification status"
Description: "要介護認定の申請・認定の状況。 / Where the LTCI care-level certification stands."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #applying "申請中" "新規・区分変更・更新の申請をして、結果を待っている。"
* insert En(#applying, Applied for)
* #certified "認定済" "認定を受け、有効期間内である。"
* insert En(#certified, Certified)
* #expired "有効期間切れ" "認定の有効期間が終わった。"
* insert En(#expired, Expired)

ValueSet: ZaitakuLtciCertificationStatusVS
Id: ltci-certification-status
Title: "要介護認定の状況 / LTCI certification status"
Description: "要介護認定の状況。 / LTCI certification status."
* insert ZtMeta
* include codes from system ZaitakuLtciCertificationStatusCS
