package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jp.zaitaku.fhir.access.CallerAccesses;
import jp.zaitaku.fhir.access.CareTeamMembership;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Who reads: the person behind the token ({@code fhirUser}). A token without a person — a backend
 * client, or any caller in open mode — names the reader with the parameter {@code reader}; a backend
 * client registered with an organisation may name only that organisation's own staff.
 */
@Component
class Readers {

	/** A reader and every reference a message or a team may name them by ({@link CareTeamMembership#identitiesOf}). */
	record Reader(String reference, Set<String> identities) {}

	private static final Pattern READER = Pattern.compile("(Practitioner|RelatedPerson|Patient)/[A-Za-z0-9\\-.]{1,64}");

	private final CallerAccesses accesses;
	private final CareTeamMembership membership;

	Readers(CallerAccesses accesses, CareTeamMembership membership) {
		this.accesses = accesses;
		this.membership = membership;
	}

	Reader of(RequestDetails request, Reference named) {
		Optional<String> person = accesses.personBehind(request);
		String namedReader = named == null || !named.hasReference() ? null : new IdType(named.getReference()).toUnqualifiedVersionless().getValue();
		if (person.isPresent()) {
			if (namedReader != null && !namedReader.equals(person.get())) {
				throw new InvalidRequestException("The reader is the person signed in (" + person.get() + "); leave out the parameter reader.");
			}
			return reader(person.get());
		}
		if (namedReader == null || !READER.matcher(namedReader).matches()) {
			throw new InvalidRequestException("This token names no person: name the reader with the parameter reader"
					+ " (a Reference to a Practitioner, RelatedPerson or Patient, e.g. Practitioner/123).");
		}
		Reader reader = reader(namedReader);
		Optional<String> organization = accesses.organizationBehind(request);
		if (organization.isPresent() && !reader.identities().contains(organization.get())) {
			throw new ForbiddenOperationException("A backend client of " + organization.get() + " names only that organisation's own staff as reader.");
		}
		return reader;
	}

	/** The reader {@code reference}, or 400 when it names nobody the server knows as a person. */
	Reader reader(String reference) {
		String type = new IdType(reference).getResourceType();
		Set<String> identities = switch (type == null ? "" : type) {
			case "Patient" -> Set.of(reference);
			case "Practitioner", "RelatedPerson" -> membership.identitiesOf(reference);
			default -> Set.of();
		};
		if (identities.isEmpty()) {
			throw new InvalidRequestException("The reader " + reference + " is not an active Practitioner, RelatedPerson or Patient.");
		}
		return new Reader(reference, identities);
	}
}
