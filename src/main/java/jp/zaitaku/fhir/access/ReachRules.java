package jp.zaitaku.fhir.access;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Every resource type's {@link ReachRule}, gathered from the {@link ReachRuleSet}s of the server's parts. */
@Component
public class ReachRules {

	private final Map<String, ReachRule> byType;

	public ReachRules(List<ReachRuleSet> sets) {
		Map<String, ReachRule> rules = new TreeMap<>();
		for (ReachRuleSet set : sets) {
			for (ReachRule rule : set.reachRules()) {
				ReachRule earlier = rules.put(rule.resourceType(), rule);
				if (earlier != null) {
					throw new IllegalStateException("Two reach rules for " + rule.resourceType() + ": " + earlier + " and " + rule);
				}
			}
		}
		this.byType = Map.copyOf(rules);
	}

	/** The type's rule; a type without one is open only to callers who reach every patient. */
	public ReachRule of(String resourceType) {
		ReachRule rule = byType.get(resourceType);
		return rule != null ? rule : ReachRule.everyPatientOnly(resourceType);
	}

	/** Whether the type has a rule of its own (every type the server serves should). */
	public boolean declares(String resourceType) {
		return byType.containsKey(resourceType);
	}

	public Collection<ReachRule> all() {
		return byType.values();
	}
}
