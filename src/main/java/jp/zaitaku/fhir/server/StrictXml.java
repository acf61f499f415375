package jp.zaitaku.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An XML body read before HAPI's parser: its root element must be a FHIR resource in the FHIR
 * namespace ({@value #FHIR_NAMESPACE}; HAPI reads one in another namespace, or in none, as if it were
 * FHIR), and it may not hold more elements, or more repetitions of one element, than the limits (413).
 * DOCTYPEs are refused before this runs ({@code XmlDoctypeRejectingInterceptor}).
 */
final class StrictXml {

	static final String FHIR_NAMESPACE = "http://hl7.org/fhir";
	private static final XMLInputFactory XML = XMLInputFactory.newFactory();

	static {
		XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
	}

	private StrictXml() {}

	static void check(String body, int maxValues, int maxRepetitions) {
		int elements = 0;
		Deque<Map<String, Integer>> siblings = new ArrayDeque<>();
		try {
			XMLStreamReader reader = XML.createXMLStreamReader(new StringReader(body));
			try {
				String declared = reader.getCharacterEncodingScheme();
				if (declared != null && !declared.equalsIgnoreCase("UTF-8") && !declared.equalsIgnoreCase("UTF8")) {
					throw new InvalidRequestException("The XML declares encoding=\"" + declared + "\": FHIR XML is UTF-8");
				}
				while (reader.hasNext()) {
					int event = reader.next();
					if (event == XMLStreamConstants.START_ELEMENT) {
						if (elements == 0 && !FHIR_NAMESPACE.equals(reader.getNamespaceURI())) {
							throw new InvalidRequestException("The root element <" + reader.getLocalName() + "> is not in the FHIR namespace "
									+ FHIR_NAMESPACE + (reader.getNamespaceURI() == null || reader.getNamespaceURI().isEmpty()
											? " (it has none)" : " but in " + reader.getNamespaceURI()));
						}
						if (++elements > maxValues) {
							throw new PayloadTooLargeException("The body holds more than " + maxValues + " elements (zaitaku.server.max-body-values)");
						}
						if (!siblings.isEmpty() && siblings.peek().merge(reader.getLocalName(), 1, Integer::sum) > maxRepetitions) {
							throw new PayloadTooLargeException("The element <" + reader.getLocalName() + "> repeats more than "
									+ maxRepetitions + " times (zaitaku.server.max-repetitions)");
						}
						siblings.push(new HashMap<>());
					} else if (event == XMLStreamConstants.END_ELEMENT) {
						siblings.pop();
					}
				}
			} finally {
				reader.close();
			}
		} catch (XMLStreamException e) {
			throw new InvalidRequestException("The body is not well-formed XML: " + e.getMessage());
		}
	}
}
