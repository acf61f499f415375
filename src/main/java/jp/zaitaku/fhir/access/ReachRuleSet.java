package jp.zaitaku.fhir.access;

import java.util.List;

/**
 * The reach rules of the resource types one part of the server serves. A feature that brings a
 * resource type declares its rule in a bean of this type beside it (no central list to edit); a type
 * declared twice stops the start.
 */
public interface ReachRuleSet {

	List<ReachRule> reachRules();
}
