package jp.zaitaku.fhir.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;

/**
 * The FHIR interaction of a request as the AuditEvent's subtype ({@code restful-interaction}) and
 * its action (C/R/U/D/E), as the IHE Basic Audit Log Patterns (BALP) pair them.
 */
enum RestInteraction {
	READ("read", "R"),
	VREAD("vread", "R"),
	SEARCH_TYPE("search-type", "R"),
	SEARCH_SYSTEM("search-system", "R"),
	HISTORY_INSTANCE("history-instance", "R"),
	HISTORY_TYPE("history-type", "R"),
	HISTORY_SYSTEM("history-system", "R"),
	CREATE("create", "C"),
	UPDATE("update", "U"),
	PATCH("patch", "U"),
	DELETE("delete", "D"),
	TRANSACTION("transaction", "E"),
	BATCH("batch", "E"),
	OPERATION("operation", "E");

	static final String SYSTEM = "http://hl7.org/fhir/restful-interaction";

	final String code;
	final String action;

	RestInteraction(String code, String action) {
		this.code = code;
		this.action = action;
	}

	static RestInteraction of(RestOperationTypeEnum operation) {
		if (operation == null) {
			return OPERATION;
		}
		return switch (operation) {
			case READ -> READ;
			case VREAD -> VREAD;
			// The next page of a search is still that search.
			case SEARCH_TYPE, GET_PAGE -> SEARCH_TYPE;
			case SEARCH_SYSTEM -> SEARCH_SYSTEM;
			case HISTORY_INSTANCE -> HISTORY_INSTANCE;
			case HISTORY_TYPE -> HISTORY_TYPE;
			case HISTORY_SYSTEM -> HISTORY_SYSTEM;
			case CREATE -> CREATE;
			case UPDATE, UPDATE_REWRITE_HISTORY -> UPDATE;
			case PATCH -> PATCH;
			case DELETE -> DELETE;
			case TRANSACTION -> TRANSACTION;
			case BATCH -> BATCH;
			default -> OPERATION;
		};
	}

	/**
	 * For a request refused before HAPI bound it (no token, firewall, body too large): the
	 * interaction its method and path most likely meant.
	 */
	static RestInteraction guess(String method, String pathAfterBase) {
		String path = pathAfterBase == null ? "" : pathAfterBase.replaceAll("^/+|/+$", "");
		String[] segments = path.isEmpty() ? new String[0] : path.split("/");
		boolean operation = path.contains("$");
		return switch (method) {
			case "POST" -> operation ? OPERATION
					: segments.length == 0 ? TRANSACTION
					: path.endsWith("_search") ? (segments.length == 1 ? SEARCH_SYSTEM : SEARCH_TYPE)
					: CREATE;
			case "PUT" -> UPDATE;
			case "PATCH" -> PATCH;
			case "DELETE" -> DELETE;
			default -> operation ? OPERATION
					: path.endsWith("_history") ? (segments.length >= 3 ? HISTORY_INSTANCE : segments.length == 2 ? HISTORY_TYPE : HISTORY_SYSTEM)
					: segments.length >= 4 && "_history".equals(segments[2]) ? VREAD
					: segments.length >= 2 ? READ
					: segments.length == 1 ? SEARCH_TYPE
					: SEARCH_SYSTEM;
		};
	}
}
