package jp.zaitaku.fhir.profiles;

/**
 * The home-care implementation guide's vocabulary as Java sees it: canonical URLs of its profiles,
 * extensions, code systems and naming systems, and the codes the server acts on. The guide in
 * {@code ig/} is the source of truth; {@code HomeCareGuideTest} checks every constant here against
 * its generated package.
 */
public final class HomeCareGuide {

	/** The guide's canonical base. */
	public static final String CANONICAL = "https://zaitaku-fhir.github.io/ig";

	private static final String PROFILE = CANONICAL + "/StructureDefinition/";
	private static final String CODE_SYSTEM = CANONICAL + "/CodeSystem/";

	private HomeCareGuide() {}

	/** StructureDefinitions that constrain a resource type. */
	public static final class Profiles {
		public static final String CARE_PLAN = PROFILE + "zaitaku-careplan";
		public static final String CARE_TEAM = PROFILE + "zaitaku-careteam";
		public static final String COMMUNICATION = PROFILE + "zaitaku-communication";
		public static final String CONSENT = PROFILE + "zaitaku-consent";
		public static final String COVERAGE = PROFILE + "zaitaku-coverage";
		public static final String ENCOUNTER = PROFILE + "zaitaku-encounter";
		public static final String HEALTHCARE_SERVICE = PROFILE + "zaitaku-healthcareservice";
		/** 既読通知: a Communication that says a message was read. */
		public static final String MESSAGE_RECEIPT = PROFILE + "zaitaku-message-receipt";
		public static final String ORGANIZATION = PROFILE + "zaitaku-organization";
		public static final String PATIENT = PROFILE + "zaitaku-patient";
		public static final String PRACTITIONER = PROFILE + "zaitaku-practitioner";
		public static final String PRACTITIONER_ROLE = PROFILE + "zaitaku-practitionerrole";
		public static final String RELATED_PERSON = PROFILE + "zaitaku-relatedperson";
		public static final String SERVICE_REQUEST = PROFILE + "zaitaku-servicerequest";
		public static final String TASK = PROFILE + "zaitaku-task";

		/** Where a profile's URL starts: the server holds writes claiming any of these to them. */
		public static final String PREFIX = PROFILE;

		private Profiles() {}
	}

	/** Extensions the server reads. */
	public static final class Extensions {
		/** What the family members of a care team see (resource types, message categories). */
		public static final String CARE_TEAM_FAMILY_VISIBILITY = PROFILE + "careteam-family-visibility";
		/** A participant's status on the team (active, paused, ended). */
		public static final String CARE_TEAM_PARTICIPATION_STATUS = PROFILE + "careteam-participation-status";
		/** The thread a team message belongs to. */
		public static final String COMMUNICATION_THREAD = PROFILE + "communication-thread";
		/** A read receipt's status (read, acknowledged, done). */
		public static final String RECEIPT_STATUS = PROFILE + "receipt-status";

		private Extensions() {}
	}

	/** Identifier systems. */
	public static final class NamingSystems {
		public static final String COMMUNICATION_THREAD = CANONICAL + "/NamingSystem/communication-thread";

		private NamingSystems() {}
	}

	/** チーム内の役割: roles on a care team. */
	public static final class CareTeamRole {
		public static final String SYSTEM = CODE_SYSTEM + "careteam-role";
		/** The team's coordinator (usually the care manager): told of every emergency access. */
		public static final String COORDINATOR = "coordinator";

		private CareTeamRole() {}
	}

	/** 連絡の種類: categories of team messages. */
	public static final class MessageCategory {
		public static final String SYSTEM = CODE_SYSTEM + "message-category";
		public static final String REPORT = "report";
		/** Retired: urgency is said by Communication.priority alone. */
		public static final String URGENT = "urgent";
		/** 未確認の緊急連絡: the server tells the coordinator that an urgent message went unacknowledged. */
		public static final String ESCALATION = "escalation";
		/** 緊急時アクセスの通知: the server tells the coordinator of a break-the-glass access. */
		public static final String EMERGENCY_ACCESS = "emergency-access";
		public static final String FAMILY_MESSAGE = "family-message";
		public static final String DEATH_NOTICE = "death-notice";
		public static final String RECEIPT = "receipt";

		private MessageCategory() {}
	}

	/** 既読・対応状況: what a read receipt records. */
	public static final class ReceiptStatus {
		public static final String SYSTEM = CODE_SYSTEM + "receipt-status";
		public static final String READ = "read";
		public static final String ACKNOWLEDGED = "acknowledged";
		public static final String DONE = "done";

		private ReceiptStatus() {}
	}

	/** A participant's status on a team (the participation-status extension's codes). */
	public static final class ParticipationStatus {
		public static final String SYSTEM = CODE_SYSTEM + "participation-status";
		public static final String ENDED = "ended";

		private ParticipationStatus() {}
	}

	/**
	 * Tags the server puts on resources it keeps for itself, in the guide's URL space but not part of
	 * the guide (nothing a client sends carries them).
	 */
	public static final class ServerTags {
		/** On the stored ImplementationGuide: the hash of the package it came from. */
		public static final String PACKAGE_HASH = CANONICAL + "/package-hash";
		/** Who created a resource of an owned type (a Subscription): the tag's code is {@code Practitioner/1} and the like. */
		public static final String OWNER = CODE_SYSTEM + "owner";
		/** On Lists the server keeps for its own narrowing (reach Lists). */
		public static final String SERVER_INTERNAL = CODE_SYSTEM + "server-internal";

		private ServerTags() {}
	}
}
