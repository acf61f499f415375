package jp.zaitaku.fhir.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.springframework.stereotype.Component;

/**
 * Lucene filters "the field holds one of these terms" for large term sets, whose matching documents
 * are worked out once per index segment and term set, and then kept.
 *
 * <p>Why: a care-team caller's full-text searches carry the same filter every time, one reference
 * term per patient it may see (1,000 and more). Lucene's own {@code TermInSetQuery} looks every term
 * up in every segment's term dictionary on every search, and its query cache does not keep such a
 * filter next to a more selective text clause: that was a third of a narrowed {@code _content}
 * search's time. Segments never change once written (a deleted document is only marked, and the
 * searcher skips marked documents itself), so the matches of one segment stay right until it is
 * merged away; then its entries are dropped.
 */
@Component
public class SegmentCachedTermFilters {

	/** Matches per segment (its core key) and term set; weighed by the bit set's size. */
	private final Cache<SegmentTerms, FixedBitSet> matches = Caffeine.newBuilder()
			.maximumWeight(32L * 1024 * 1024)
			.weigher((SegmentTerms key, FixedBitSet bits) -> (int) Math.min(Integer.MAX_VALUE, bits.ramBytesUsed()))
			.build();

	/**
	 * One instance per distinct filter, so that looking up a segment's matches compares the term set
	 * by identity instead of term by term.
	 */
	private final Cache<AnyTermQuery, AnyTermQuery> distinct = Caffeine.newBuilder().maximumSize(200).build();

	/** The filter for documents with at least one of {@code terms} in {@code field}. */
	public Query anyOf(String field, Set<String> terms) {
		AnyTermQuery query = new AnyTermQuery(field, Set.copyOf(terms));
		return distinct.get(query, same -> same);
	}

	long cachedSegments() {
		return matches.estimatedSize();
	}

	private record SegmentTerms(IndexReader.CacheKey segment, AnyTermQuery query) {
	}

	private final class AnyTermQuery extends Query {

		private final String field;
		private final Set<String> terms;
		private final int hash;

		AnyTermQuery(String field, Set<String> terms) {
			this.field = field;
			this.terms = terms;
			this.hash = Objects.hash(classHash(), field, terms);
		}

		@Override
		public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
			return new ConstantScoreWeight(this, boost) {

				@Override
				public Scorer scorer(LeafReaderContext context) throws IOException {
					FixedBitSet bits = matchesIn(context.reader());
					int count = bits.cardinality();
					return count == 0 ? null : new ConstantScoreScorer(this, score(), scoreMode, new BitSetIterator(bits, count));
				}

				/** Kept here already; Lucene's own query cache would only hold a second copy. */
				@Override
				public boolean isCacheable(LeafReaderContext context) {
					return false;
				}
			};
		}

		private FixedBitSet matchesIn(LeafReader segment) throws IOException {
			IndexReader.CacheHelper core = segment.getCoreCacheHelper();
			if (core == null) {
				return collect(segment);
			}
			SegmentTerms key = new SegmentTerms(core.getKey(), this);
			FixedBitSet kept = matches.getIfPresent(key);
			if (kept == null) {
				kept = collect(segment);
				if (matches.asMap().putIfAbsent(key, kept) == null) {
					core.addClosedListener(closed -> matches.asMap().keySet().removeIf(each -> each.segment() == closed));
				}
			}
			return kept;
		}

		/** Every document of the segment with one of the terms, looked up in term order (fewer seeks back). */
		private FixedBitSet collect(LeafReader segment) throws IOException {
			FixedBitSet bits = new FixedBitSet(Math.max(1, segment.maxDoc()));
			Terms fieldTerms = segment.terms(field);
			if (fieldTerms == null) {
				return bits;
			}
			TermsEnum dictionary = fieldTerms.iterator();
			PostingsEnum postings = null;
			for (BytesRef term : terms.stream().map(BytesRef::new).sorted().toList()) {
				if (dictionary.seekExact(term)) {
					postings = dictionary.postings(postings, PostingsEnum.NONE);
					bits.or(postings);
				}
			}
			return bits;
		}

		@Override
		public void visit(QueryVisitor visitor) {
			if (visitor.acceptField(field)) {
				visitor.visitLeaf(this);
			}
		}

		@Override
		public String toString(String defaultField) {
			return field + ":anyOf(" + terms.size() + " terms, kept per segment)";
		}

		@Override
		public boolean equals(Object other) {
			return this == other || sameClassAs(other) && field.equals(((AnyTermQuery) other).field) && terms.equals(((AnyTermQuery) other).terms);
		}

		@Override
		public int hashCode() {
			return hash;
		}
	}
}
