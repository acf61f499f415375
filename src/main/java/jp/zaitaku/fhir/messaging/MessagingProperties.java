package jp.zaitaku.fhir.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Team messages' settings.
 *
 * @param escalateAfter how long an urgent, asap or stat message may stay unacknowledged by every
 *     recipient (from the time the server stored it) before the team's coordinator is told
 * @param escalationCheckInterval how often the server looks for such messages
 * @param mostUnreadMessages how many of a person's newest messages {@code $unread} looks at
 * @param attachmentMaxSize the largest attachment (a Binary, or an Attachment's data or declared size)
 * @param attachmentContentTypes the content types an attachment may have (photos of a wound, PDFs, text)
 * @param allowPrivateEndpoints whether a rest-hook Subscription may deliver to a loopback, private or
 *     link-local address (the hospital's own network); off in production, on in the {@code dev} profile
 */
@ConfigurationProperties(prefix = "zaitaku.messaging")
public record MessagingProperties(
		@DefaultValue("30m") Duration escalateAfter,
		@DefaultValue("1m") Duration escalationCheckInterval,
		@DefaultValue("2000") int mostUnreadMessages,
		@DefaultValue("false") boolean allowPrivateEndpoints,
		@DefaultValue("10MB") org.springframework.util.unit.DataSize attachmentMaxSize,
		@DefaultValue({"image/jpeg", "image/png", "image/heic", "image/heif", "image/webp", "application/pdf", "text/plain"})
				java.util.Set<String> attachmentContentTypes) {}
