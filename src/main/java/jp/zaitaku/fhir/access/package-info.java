/**
 * ケアチームによるアクセス制御 (council paper 3, 1-①): a caller sees only the patients of the care teams
 * they are on, narrowed by the patient's consent; break-the-glass for the on-call professional.
 */
package jp.zaitaku.fhir.access;
