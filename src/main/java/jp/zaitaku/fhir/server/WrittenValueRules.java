package jp.zaitaku.fhir.server;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.util.IModelVisitor2;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * What every written resource must be, of any type, profiled or not, beyond what HAPI's parser checks:
 * <ul>
 *   <li>each primitive within its FHIR R4 type (the regular expressions and ranges of the R4
 *       datatypes): a {@code positiveInt} of 0, a {@code time} of 25:00, a {@code date} of 0000, an
 *       {@code instant} without time zone, a {@code code} or {@code id} with spaces → 400;
 *   <li>each narrative ({@code text.div}) within the XHTML subset FHIR allows (txt-1): no script,
 *       event handler, {@code javascript:} link, frame, object or form, which every EHR that shows
 *       the narrative would run → 422.
 * </ul>
 */
final class WrittenValueRules {

	private static final String YEAR = "([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)";
	private static final String MONTH = "(0[1-9]|1[0-2])";
	private static final String DAY = "(0[1-9]|[1-2][0-9]|3[0-1])";
	private static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]{1,9})?";
	private static final String ZONE = "(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))";
	/** The R4 datatypes' own patterns (http://hl7.org/fhir/R4/datatypes.html). */
	private static final Map<String, Pattern> PATTERNS = Map.of(
			"date", Pattern.compile(YEAR + "(-" + MONTH + "(-" + DAY + ")?)?"),
			"dateTime", Pattern.compile(YEAR + "(-" + MONTH + "(-" + DAY + "(T" + TIME + ZONE + ")?)?)?"),
			"instant", Pattern.compile(YEAR + "-" + MONTH + "-" + DAY + "T" + TIME + ZONE),
			"time", Pattern.compile(TIME),
			"code", Pattern.compile("[^\\s]+( [^\\s]+)*"),
			"id", Pattern.compile("[A-Za-z0-9\\-\\.]{1,64}"));

	private WrittenValueRules() {}

	static void check(FhirContext fhirContext, IBaseResource resource) {
		List<String> narrativeProblems = new ArrayList<>();
		fhirContext.newTerser().visit(resource, new IModelVisitor2() {
			@Override
			public boolean acceptElement(IBase element, List<IBase> containing, List<BaseRuntimeChildDefinition> children,
					List<BaseRuntimeElementDefinition<?>> definitions) {
				if (element instanceof IPrimitiveType<?> primitive && primitive.getValueAsString() != null) {
					checkPrimitive(primitive, definitions.get(definitions.size() - 1).getName(), path(children, containing));
				} else if (element instanceof Narrative narrative && narrative.getDiv() != null) {
					NarrativeRules.problems(narrative.getDiv(), path(children, containing), narrativeProblems);
				}
				return true;
			}
		});
		if (!narrativeProblems.isEmpty()) {
			throw new UnprocessableEntityException("The narrative may hold only the XHTML FHIR allows (txt-1): "
					+ String.join("; ", narrativeProblems));
		}
	}

	private static void checkPrimitive(IPrimitiveType<?> primitive, String type, String path) {
		// A resource's id is read with its type (and version) around it: the id is the part between. In a
		// transaction HAPI gives an entry's resource its fullUrl (urn:uuid:...) as id, a placeholder.
		if (primitive instanceof org.hl7.fhir.r4.model.IdType id && id.isUrn()) {
			return;
		}
		String text = primitive instanceof org.hl7.fhir.r4.model.IdType id ? id.getIdPart() : primitive.getValueAsString();
		if (text == null) {
			return;
		}
		Pattern pattern = PATTERNS.get(type);
		boolean valid = switch (type) {
			case "positiveInt" -> primitive.getValue() instanceof Integer value && value > 0;
			case "unsignedInt" -> primitive.getValue() instanceof Integer value && value >= 0;
			default -> pattern == null || pattern.matcher(text).matches();
		};
		if (!valid) {
			throw new InvalidRequestException("The resource is not valid FHIR R4: " + path + " = \"" + text + "\" is not a valid " + type);
		}
	}

	/** The element's path as the body names it: {@code valueSampledData.dimensions}, not {@code value[x].dimensions}. */
	private static String path(List<BaseRuntimeChildDefinition> children, List<IBase> containing) {
		StringBuilder path = new StringBuilder();
		for (int i = 0; i < children.size(); i++) {
			BaseRuntimeChildDefinition child = children.get(i);
			String name = i + 1 < containing.size() ? child.getChildNameByDatatype(containing.get(i + 1).getClass()) : null;
			path.append(path.isEmpty() ? "" : ".").append(name != null ? name : child.getElementName());
		}
		return path.isEmpty() ? "the resource" : path.toString();
	}

	/** The narrative rules of FHIR R4 (txt-1: the basic HTML formatting elements, links, images, styles). */
	static final class NarrativeRules {

		private static final java.util.Set<String> ELEMENTS = java.util.Set.of("div", "p", "br", "span", "b", "i", "u", "s",
				"em", "strong", "small", "big", "sub", "sup", "tt", "code", "samp", "kbd", "var", "cite", "dfn", "abbr",
				"acronym", "q", "blockquote", "pre", "address", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
				"dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup", "a",
				"img", "ins", "del", "bdo", "center", "font", "strike");
		private static final java.util.Set<String> ATTRIBUTES = java.util.Set.of("xmlns", "xml:lang", "lang", "dir", "id",
				"class", "style", "title", "href", "name", "src", "alt", "width", "height", "border", "align", "valign",
				"colspan", "rowspan", "span", "cellpadding", "cellspacing", "summary", "abbr", "scope", "headers", "axis",
				"char", "charoff", "frame", "rules", "start", "type", "value", "compact", "cite", "datetime", "clear",
				"size", "color", "face", "noshade", "nowrap", "bgcolor", "hspace", "vspace");
		private static final Pattern SCRIPT_URL = Pattern.compile("^\\s*(javascript|vbscript|data)\\s*:", Pattern.CASE_INSENSITIVE);
		private static final Pattern SCRIPT_STYLE = Pattern.compile("expression\\s*\\(|javascript\\s*:|url\\s*\\(", Pattern.CASE_INSENSITIVE);

		private NarrativeRules() {}

		static void problems(XhtmlNode node, String path, List<String> problems) {
			if (node.getName() != null && node.getNodeType() == org.hl7.fhir.utilities.xhtml.NodeType.Element) {
				String name = node.getName().toLowerCase(java.util.Locale.ROOT);
				if (!ELEMENTS.contains(name)) {
					problems.add(path + ": element <" + name + ">");
				}
				node.getAttributes().forEach((attribute, value) -> {
					String lower = attribute.toLowerCase(java.util.Locale.ROOT);
					if (!ATTRIBUTES.contains(lower)) {
						problems.add(path + ": attribute " + attribute + " on <" + name + ">");
					} else if ((lower.equals("href") || lower.equals("src")) && value != null && SCRIPT_URL.matcher(value).find()
							&& !(lower.equals("src") && name.equals("img") && value.trim().toLowerCase(java.util.Locale.ROOT).startsWith("data:image/"))) {
						problems.add(path + ": " + attribute + "=\"" + value + "\" on <" + name + ">");
					} else if (lower.equals("style") && value != null && SCRIPT_STYLE.matcher(value).find()) {
						problems.add(path + ": a style with a script or an external resource on <" + name + ">");
					}
				});
			}
			for (XhtmlNode child : node.getChildNodes()) {
				problems(child, path, problems);
			}
		}
	}
}
