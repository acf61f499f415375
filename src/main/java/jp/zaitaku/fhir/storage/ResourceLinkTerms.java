package jp.zaitaku.fhir.storage;

import ca.uhn.fhir.jpa.model.entity.ResourceLink;
import java.util.Collection;
import org.hibernate.search.engine.backend.document.DocumentElement;
import org.hibernate.search.engine.backend.document.IndexFieldReference;
import org.hibernate.search.mapper.pojo.bridge.PropertyBridge;
import org.hibernate.search.mapper.pojo.bridge.binding.PropertyBindingContext;
import org.hibernate.search.mapper.pojo.bridge.mapping.programmatic.PropertyBinder;
import org.hibernate.search.mapper.pojo.bridge.runtime.PropertyBridgeWriteContext;

/**
 * Puts a resource's outgoing references into its full-text document, one keyword per reference:
 * the reference's path and the database id of its target ({@code Communication.subject 123}).
 *
 * <p>Why: HAPI answers {@code _content}/{@code _text} in Lucene, but any other condition (a caller's
 * care-team narrowing {@code patient=Patient/1,…}, or a plain {@code subject=}) makes it walk
 * <em>every</em> full-text hit and check it against the database in chunks of 800 — seconds per search
 * on 100,000 messages. With these terms {@link ReferenceFilteredFullTextSearch} answers such
 * reference conditions inside the same Lucene query and HAPI can stop at the page it needs.
 *
 * <p>The path is the one HAPI stores for the link ({@code HFJ_RES_LINK.SRC_PATH}, the search
 * parameter's path as written, {@code where(...)} included), so a search parameter's paths find
 * exactly the links HAPI's own SQL would.
 */
public final class ResourceLinkTerms implements PropertyBinder {

	/** The keyword field in each resource's Lucene document. */
	public static final String FIELD = "zaitakuReferenceTerm";

	/** Part of the index fingerprint: an index built before this field existed is rebuilt at start-up. */
	static final String INDEX_LAYOUT = FIELD + "-1";

	/** The keyword for a reference found at {@code path} whose target has database id {@code targetPid}. */
	public static String term(String path, long targetPid) {
		return path + ' ' + targetPid;
	}

	@Override
	public void bind(PropertyBindingContext context) {
		// Re-index the resource when one of its links changes (HAPI also bumps its version then).
		context.dependencies().use("mySourcePath").use("myTargetResourcePid");
		IndexFieldReference<String> field =
				context.indexSchemaElement().field(FIELD, f -> f.asString()).multiValued().toReference();
		context.bridge(Collection.class, new Bridge(field));
	}

	@SuppressWarnings("rawtypes")
	private record Bridge(IndexFieldReference<String> field) implements PropertyBridge<Collection> {

		@Override
		public void write(DocumentElement target, Collection links, PropertyBridgeWriteContext context) {
			if (links == null) {
				return;
			}
			for (Object each : links) {
				ResourceLink link = (ResourceLink) each;
				if (link.getTargetResourcePid() != null && link.getSourcePath() != null) {
					target.addValue(field, term(link.getSourcePath(), link.getTargetResourcePid()));
				}
			}
		}
	}
}
