package jp.zaitaku.fhir.messaging;

import java.util.List;
import jp.zaitaku.fhir.access.ReachRule;
import jp.zaitaku.fhir.access.ReachRuleSet;
import org.springframework.stereotype.Component;

/**
 * A Subscription belongs to whoever created it — a team member, a family member, an organisation's
 * backend — who alone reads and changes it (its {@code channel.header} may hold the receiver's
 * credentials); what it delivers is judged at each delivery ({@link OwnerReadsWhatIsDelivered}).
 */
@Component
class SubscriptionReach implements ReachRuleSet {

	@Override
	public List<ReachRule> reachRules() {
		return List.of(ReachRule.owned("Subscription"));
	}
}
