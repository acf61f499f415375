package jp.zaitaku.fhir.server;

/**
 * The order of every interceptor hook of the server, in one place: {@code @Hook(value = ..., order =
 * InterceptorOrder.X)}. HAPI calls the hooks of one pointcut from the lowest order to the highest;
 * hooks of equal order run in the order they happened to be registered, which is why none of ours
 * shares a value with another hook of the same pointcut. docs/architecture.md shows the same table;
 * {@code InterceptorOrderTest} fails when a hook has no order from here or the table misses one.
 *
 * <p>HAPI's own interceptors keep their orders: the exception handler and the OpenAPI, CORS and
 * highlighter interceptors at 0 (the highlighter renders HTML last, at 10000), and the
 * {@code AuthorizationInterceptor} our scope rules extend at {@link #SCOPE_RULES}.
 */
public final class InterceptorOrder {

	private InterceptorOrder() {}

	// SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED: before HAPI picks the provider method.

	/** Swagger UI and the OpenAPI document are answered before any FHIR handling. */
	public static final int SERVE_OPENAPI = 50;
	/** An AuditEvent write is 405 before HAPI finds a method for it (the JPA's would accept it). */
	public static final int AUDIT_EVENTS_READ_ONLY = 100;
	/** A search across types has no method: 403 for a caller limited to their patients, else a 400 that says what to do. */
	public static final int REFUSE_WHOLE_SERVER_SEARCH = 110;

	// SERVER_INCOMING_REQUEST_POST_PROCESSED: the parameters are known, nothing is bound or parsed yet.

	/** A body in a format the server does not read, or not in UTF-8, is 415 before anything reads it. */
	public static final int REFUSE_UNSUPPORTED_MEDIA_TYPES = 90;
	/** XXE first among the readers: no one else reads a body that declares a DOCTYPE or entities. */
	public static final int REFUSE_XML_DOCTYPE = 100;
	/** U+0000 in a parameter or body would be cut off by PostgreSQL's text columns. */
	public static final int REFUSE_NUL_CHARACTERS = 110;
	/** Parameters the server does not support ({@code _filter}) or cannot parse are 400, not HAPI's 500. */
	public static final int REFUSE_UNSUPPORTED_PARAMETERS = 120;
	/** String parameters widened to every kana and width spelling; before the narrowing adds its own. */
	public static final int FOLD_KANA_AND_WIDTH = 200;
	/** {@code _content}/{@code _text} words turned into analysed Japanese phrases. */
	public static final int ANALYSE_JAPANESE_FULL_TEXT = 210;
	/** Last: the search is narrowed to the caller's patients as the rewrites above left it. */
	public static final int NARROW_SEARCHES_TO_REACH = 300;

	// SERVER_INCOMING_REQUEST_PRE_HANDLED: bound to a method; a write's body is parsed.

	/** A transaction changing an AuditEvent is 405 whole, before any check could answer one of its entries otherwise. */
	public static final int AUDIT_EVENTS_READ_ONLY_IN_TRANSACTIONS = -210;
	/** Reach first: what the caller cannot reach is 403 or a 404 worded like a missing resource, before any other answer tells it apart. */
	public static final int REFUSE_WHAT_IS_NOT_REACHED = -200;
	/** Someone else's search page is gone (410), whoever asks for it. */
	public static final int ONLY_THE_SEARCHER_PAGES = -190;
	/** A bundle's entries are narrowed after the guard has refused the hidden ones. */
	public static final int NARROW_BUNDLE_ENTRIES_TO_REACH = -100;
	/** The transaction's entries are kept for the commit-time reach check. */
	public static final int KEEP_BUNDLE_FOR_WRITE_REACH = -50;
	/** A conditional create needs a search scope too: the condition reads. */
	public static final int CONDITIONAL_CREATE_NEEDS_SEARCH_SCOPE = -40;
	/** A body that is not FHIR is 400 before the scope rules read it as a resource. */
	public static final int STRICT_PARSING = -30;
	/** A transaction or batch that does not say what each entry does is 400 before anything runs it. */
	public static final int BUNDLE_SHAPE = -25;
	/** A PATCH without a target, or one that would change the resource's id or type, is 400. */
	public static final int PATCH_SHAPE = -20;
	/** HAPI's AuthorizationInterceptor (its own order, ORDER_AUTH_INTERCEPTOR) with the token's scopes as rules: 403. */
	public static final int SCOPE_RULES = 200;

	// STORAGE_PRESTORAGE_RESOURCE_CREATED / _UPDATED / _DELETED: inside the database transaction, before the write.

	/** AuditEvents are written by the server only, also inside a transaction (405). */
	public static final int AUDIT_EVENTS_NOT_STORED = 100;
	/** Read receipts are written by {@code $mark-read} only (403), before reach: the same answer whoever the patient. */
	public static final int RECEIPTS_BY_THE_SERVER_ONLY = 105;
	/** Attachments of accepted content types and sizes (422/413), before reach: the same answer whoever the patient. */
	public static final int ATTACHMENT_TYPES_AND_SIZES = 107;
	/** Reach Lists are written by the server only (403). */
	public static final int REACH_LISTS_SERVER_ONLY = 110;
	/** A write about a patient the caller does not reach (403). */
	public static final int WRITE_REACH = 120;
	/** A patient-bound token writes about its own patient only (403). */
	public static final int PATIENT_BOUND_WRITES = 130;
	/** A Subscription delivers by rest-hook, to a public endpoint, what the token may read (422/403). */
	public static final int CHECK_SUBSCRIPTION_CHANNEL = 140;
	/** Last: profile validation is the most expensive check and only runs for writes every other check allowed (422). */
	public static final int VALIDATE_AGAINST_PROFILES = 900;

	// STORAGE_PRESTORAGE_DELETE_CONFLICTS

	/** A delete refused because a hidden record refers to it does not name that record. */
	public static final int HIDE_DELETE_CONFLICT_SOURCES = 100;

	// STORAGE_PRECOMMIT_RESOURCE_CREATED / _UPDATED / _DELETED: references between new entries are resolved.

	/** The last refusal of a write (403/400): everything after it may assume the write stays. */
	public static final int WRITE_REACH_BEFORE_COMMIT = 100;
	/** The write's AuditEvent joins the same database transaction. */
	public static final int AUDIT_WRITE_IN_TRANSACTION = 200;
	/** A care team, role, family member or consent written: the membership cache is emptied (again after commit). */
	public static final int MEMBERSHIP_CHANGED = 300;
	/** An urgent team message starts its wait for an acknowledgement, committed with the message. */
	public static final int WATCH_URGENT_MESSAGES = 400;

	// STORAGE_PRESEARCH_REGISTERED, JPA_PERFTRACE_SEARCH_*: a search starts and its passes end.

	/** Whoever started a search owns its pages. */
	public static final int REMEMBER_SEARCH_OWNER = 100;
	/** A search narrowed by the reach List: its own results need no second check. */
	public static final int MARK_LIST_NARROWED_SEARCH = 110;

	// STORAGE_PREACCESS_RESOURCES and STORAGE_PRESHOW_RESOURCES: results loaded, before the caller sees them.

	/** Hidden resources are left out (404 for a read) before the scope rules look at what remains. */
	public static final int HIDE_WHAT_IS_NOT_REACHED = 100;

	// SUBSCRIPTION_RESOURCE_MATCHED: HAPI's matching thread, a write matched a Subscription's criteria.

	/** Delivered only if the Subscription's owner may read the resource now. */
	public static final int ONLY_WHAT_THE_OWNER_READS = 100;

	// SUBSCRIPTION_BEFORE_REST_HOOK_DELIVERY: HAPI's delivery thread, about to call a Subscription's endpoint.

	/** The endpoint must still resolve to a public address, else the delivery is dropped. */
	public static final int DELIVER_TO_PUBLIC_ENDPOINTS_ONLY = 100;

	// SERVER_PRE_PROCESS_OUTGOING_EXCEPTION: after HAPI's exception handler (0) has made every failure a response exception.

	/** HAPI's input failures that surface as 500 become 400. */
	public static final int CLIENT_ERRORS_ARE_400 = 100;
	/** A stale If-Match is 412, not HAPI's 409. */
	public static final int STALE_IF_MATCH_IS_412 = 110;
	/** A database constraint's 409 is worded without HAPI's SQL. */
	public static final int STORAGE_CONFLICTS_WITHOUT_SQL = 120;
	/** Last: a hidden resource's 404 is worded like a missing one's, whatever produced it. */
	public static final int UNIFORM_NOT_FOUND = 1000;

	// SERVER_OUTGOING_RESPONSE: the answer is ready, nothing is written to the caller yet.

	/** The CapabilityStatement's SMART endpoints, for the host the caller used. */
	public static final int CAPABILITY_STATEMENT_SECURITY = 100;
	/** The CapabilityStatement's websocket URL, for the host the caller used. */
	public static final int CAPABILITY_STATEMENT_WEBSOCKET = 105;
	/** {@code $reindex} also rebuilds the full-text index. */
	public static final int REINDEX_REBUILDS_FULL_TEXT = 110;
	/** A batch entry that failed on a caller's malformed value is 400, as the plain request would be. */
	public static final int BATCH_ENTRY_INPUT_FAILURES_ARE_400 = 120;
	/** A batch entry changing an AuditEvent is 405, as the plain request (HAPI would answer a DELETE 204). */
	public static final int AUDIT_EVENT_BATCH_ENTRIES_405 = 130;
	/** Batch entries that are 404 are worded like missing ones. */
	public static final int UNIFORM_NOT_FOUND_IN_BATCHES = 1000;
	/** The AuditEvent of what is served, after every check that could still refuse it. */
	public static final int AUDIT_SERVED = 5000;

	// SERVER_HANDLE_EXCEPTION and SERVER_PROCESSING_COMPLETED

	/** The AuditEvent of a refusal or failure, before HAPI's highlighter renders it. */
	public static final int AUDIT_REFUSED = 5000;
	/** Anything served and not yet recorded (a request that ended without an outgoing response hook). */
	public static final int AUDIT_UNRECORDED = 5000;

	// SERVER_CAPABILITY_STATEMENT_GENERATED: once per generated statement, shared by every caller.

	/** AuditEvent is listed as read-only. */
	public static final int AUDIT_EVENT_CAPABILITIES = 100;
}
