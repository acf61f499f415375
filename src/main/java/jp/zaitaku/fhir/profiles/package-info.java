/**
 * 在宅医療・介護連携の実装ガイド: the home-care implementation guide (ig/) loaded at start-up, its
 * terminology answered in memory, and every write of a profiled type held to its profile.
 */
package jp.zaitaku.fhir.profiles;
