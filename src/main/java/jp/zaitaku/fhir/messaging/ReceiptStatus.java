package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Arrays;
import jp.zaitaku.fhir.profiles.HomeCareGuide;
import java.util.stream.Collectors;

/**
 * What a read receipt records (the guide's receipt-status value set), from least to most: read, then
 * acknowledged (了解: the reader will act), then done (対応済). Unread is the absence of a receipt.
 */
enum ReceiptStatus {
	READ(HomeCareGuide.ReceiptStatus.READ, "既読"), ACKNOWLEDGED(HomeCareGuide.ReceiptStatus.ACKNOWLEDGED, "了解"),
	DONE(HomeCareGuide.ReceiptStatus.DONE, "対応済");

	private final String code;
	private final String display;

	ReceiptStatus(String code, String display) {
		this.code = code;
		this.display = display;
	}

	String code() {
		return code;
	}

	String display() {
		return display;
	}

	/** Acknowledged or done: what stops an urgent message's escalation (a reply does not). */
	boolean acknowledges() {
		return this != READ;
	}

	static ReceiptStatus of(String code) {
		return Arrays.stream(values()).filter(status -> status.code.equals(code)).findFirst()
				.orElseThrow(() -> new InvalidRequestException("Unknown receipt status '" + code + "': use one of "
						+ Arrays.stream(values()).map(ReceiptStatus::code).collect(Collectors.joining(", ")) + "."));
	}
}
