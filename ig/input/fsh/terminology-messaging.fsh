// Terminology for team messages (Communication) and read receipts.

CodeSystem: ZaitakuMessageCategoryCS
Id: message-category
Title: "連絡の種別 / Message categories"
Description: """
チーム内連絡（Communication）の種別。報告・連絡・相談・依頼・申し送りのほか、入退院連絡などの定型連絡と既読通知。

Categories of team messages: report, contact, consultation, request, handover, fixed notices and read receipts.
"""
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #report "報告" "実施したこと・観察したことの報告。"
* insert En(#report, Report)
* #contact "連絡" "予定・事務的事項などの一般的な連絡。"
* insert En(#contact, General contact)
* #consultation "相談" "判断や助言を求める相談。"
* insert En(#consultation, Consultation)
* #request "依頼" "他の職種への対応・サービスの依頼。"
* insert En(#request, Request)
* #handover "申し送り" "担当者・時間帯の交代に伴う申し送り。"
* insert En(#handover, Handover)
* #instruction "指示" "医師等からの指示。"
* insert En(#instruction, Instruction)
* #urgent "緊急連絡（廃止）" "廃止：緊急度は Communication.priority だけで表す。既存データを読むためにだけ残す。"
* insert En(#urgent, Urgent alert - retired: urgency is Communication.priority)
* #condition-change "状態変化" "療養者の状態の変化の連絡。"
* insert En(#condition-change, Change in condition)
* #admission-notice "入院連絡" "療養者が入院したことの連絡。"
* insert En(#admission-notice, Admission notice)
* #discharge-notice "退院連絡" "退院日・退院後の療養についての連絡。"
* insert En(#discharge-notice, Discharge notice)
* #medication-info "服薬情報（トレーシングレポート）" "薬剤師からの服薬情報の提供。"
* insert En(#medication-info, Medication information)
* #family-message "家族からの連絡" "家族・介護者からの連絡。"
* insert En(#family-message, Message from family)
* #death-notice "逝去の連絡" "療養者の逝去の連絡。"
* insert En(#death-notice, Death notice)
* #escalation "未確認の緊急連絡" "緊急の連絡がどの宛先にも了解されないまま一定時間が過ぎたことを、サーバーが調整役などに知らせる連絡（about が元の連絡）。"
* insert En(#escalation, Escalation of an unacknowledged urgent message)
* #emergency-access "緊急時アクセスの通知" "チーム外の専門職が緊急時アクセスで記録を開いたことを、サーバーが調整役に知らせる連絡。"
* insert En(#emergency-access, Emergency access notice)
* #receipt "既読・確認" "連絡を読んだこと・了解したことの通知（ZaitakuMessageReceipt）。"
* insert En(#receipt, Read or acknowledge receipt)

ValueSet: ZaitakuMessageCategoryAllVS
Id: message-category-all
Title: "連絡の種別（既読通知を含む） / All message categories"
Description: "チーム内連絡の全種別（既読通知 receipt を含む）。家族に見せる種別の指定に使う。 / Every message category, receipts included; used to say which ones family members see."
* insert ZtMeta
* include codes from system ZaitakuMessageCategoryCS

ValueSet: ZaitakuMessageCategoryVS
Id: message-category
Title: "連絡の種別（既読通知を除く） / Message categories without receipts"
Description: "チーム内連絡の種別。既読通知（receipt）は ZaitakuMessageReceipt で使うため、廃止した urgent は緊急度を priority だけで表すため除く。 / Message categories except receipt, and except the retired urgent: urgency is said by priority alone."
* insert ZtMeta
* include codes from system ZaitakuMessageCategoryCS
* exclude $MessageCategory#receipt
* exclude $MessageCategory#urgent

CodeSystem: ZaitakuReceiptStatusCS
Id: receipt-status
Title: "既読・対応状況 / Receipt status"
Description: "連絡を受け取った者の既読・対応状況。 / A reader's status for one message."
* insert ZtMeta
* ^caseSensitive = true
* ^content = #complete
* #unread "未読" "まだ読んでいない。"
* insert En(#unread, Unread)
* #read "既読" "読んだ。"
* insert En(#read, Read)
* #acknowledged "了解" "内容を了解した。"
* insert En(#acknowledged, Acknowledged)
* #action-required "要対応" "対応が必要で、まだ済んでいない。"
* insert En(#action-required, Action required)
* #done "対応済" "必要な対応を終えた。"
* insert En(#done, Done)

ValueSet: ZaitakuReceiptStatusVS
Id: receipt-status
Title: "既読・対応状況 / Receipt status"
Description: "既読通知が記録する状況：既読・了解・対応済。未読は既読通知がないことで表す。 / What a read receipt records: read, acknowledged, done. Unread is the absence of a receipt."
* insert ZtMeta
* include $ReceiptStatus#read
* include $ReceiptStatus#acknowledged
* include $ReceiptStatus#done
