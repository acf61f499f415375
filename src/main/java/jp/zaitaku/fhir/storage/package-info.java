/**
 * データの保存と日本語全文検索: the embedded PostgreSQL, HAPI's JPA storage and schema migrations, and
 * full-text search that understands Japanese (嚥下 finds 摂食・嚥下障害). Knows no feature.
 */
package jp.zaitaku.fhir.storage;
