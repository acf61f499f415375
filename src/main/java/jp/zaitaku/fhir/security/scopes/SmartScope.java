package jp.zaitaku.fhir.security.scopes;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART resource scope, {@code context/Type.permissions[?query]}, e.g. {@code patient/CarePlan.rs},
 * {@code user/Communication.cruds}, {@code patient/Observation.rs?category=vital-signs}. SMART v1
 * scopes ({@code read}, {@code write}, {@code *}) are read as their v2 letters.
 *
 * @param context {@code patient}, {@code user} or {@code system}
 * @param resourceType a resource type or {@code *}
 * @param permissions some of {@code c r u d s}, in that order
 * @param query the search-parameter narrowing after {@code ?}, or null
 */
public record SmartScope(String context, String resourceType, String permissions, String query) {

	private static final Pattern SYNTAX = Pattern.compile(
			"(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.(read|write|\\*|c?r?u?d?s?)(\\?[^\\s,]+)?");

	public static Optional<SmartScope> parse(String scope) {
		Matcher m = SYNTAX.matcher(scope);
		if (!m.matches() || m.group(3).isEmpty()) {
			return Optional.empty();
		}
		boolean v1 = m.group(3).matches("read|write|\\*");
		if (v1 && m.group(4) != null) {
			return Optional.empty(); // SMART v1 has no search-parameter narrowing
		}
		String permissions = switch (m.group(3)) {
			case "read" -> "rs";
			case "write" -> "cud";
			case "*" -> "cruds";
			default -> m.group(3);
		};
		return Optional.of(new SmartScope(m.group(1), m.group(2), permissions, m.group(4) == null ? null : m.group(4).substring(1)));
	}

	/** Whether this scope (registered for a client, or granted) includes everything {@code requested} asks. */
	public boolean covers(SmartScope requested) {
		return context.equals(requested.context)
				&& (resourceType.equals("*") || resourceType.equals(requested.resourceType))
				&& requested.permissions.chars().allMatch(permission -> permissions.indexOf(permission) >= 0)
				&& (query == null || query.equals(requested.query));
	}

	public boolean allows(char permission) {
		return permissions.indexOf(permission) >= 0;
	}

	@Override
	public String toString() {
		return context + "/" + resourceType + "." + permissions + (query == null ? "" : "?" + query);
	}
}
