package jp.zaitaku.fhir.storage;

import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import ca.uhn.fhir.jpa.search.reindex.ResourceReindexer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the full-text index (Lucene) from the database, resource by resource, in the background.
 *
 * <p>Needed after a change of {@link JapaneseTextAnalysis} or when the index directory was lost.
 * HAPI's {@code $reindex} job alone does not do it: it re-extracts search parameters but sends a
 * resource to Lucene only when its version changes. Hibernate Search's mass indexer cannot either,
 * because HAPI computes the indexed text from the resource body at write time. So we walk the
 * resources in primary-key order and let HAPI's own {@link ResourceReindexer} re-derive and re-index
 * each one, a batch per transaction.
 */
@Service
public class FullTextIndexRebuilder implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(FullTextIndexRebuilder.class);
	private static final int BATCH_SIZE = 200;
	/**
	 * Conformance and terminology resources are left out: nobody searches them by Japanese text, and
	 * re-deriving a CodeSystem makes HAPI store its concepts again (which fails on a unique key).
	 */
	private static final List<String> NOT_REINDEXED = List.of("CodeSystem", "ValueSet", "ConceptMap",
			"StructureDefinition", "SearchParameter", "NamingSystem", "ImplementationGuide", "OperationDefinition");

	/** What an operator sees of the last or current rebuild. */
	public record Status(boolean running, long indexed, Instant startedAt, Instant finishedAt, String error) {}

	private final ResourceReindexer reindexer;
	private final TransactionTemplate transactions;
	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "fulltext-rebuild");
		thread.setDaemon(true);
		return thread;
	});
	private final AtomicLong indexed = new AtomicLong();
	private final AtomicReference<Status> status = new AtomicReference<>(new Status(false, 0, null, null, null));
	private Future<?> current;

	@PersistenceContext
	private EntityManager entityManager;

	public FullTextIndexRebuilder(ResourceReindexer reindexer, PlatformTransactionManager transactionManager) {
		this.reindexer = reindexer;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Starts a rebuild of every resource unless one is running; returns at once. */
	public Status start() {
		return start(Instant.EPOCH);
	}

	/** Starts re-indexing the resources updated since the given moment, unless a rebuild is running. */
	public synchronized Status start(Instant updatedSince) {
		if (current == null || current.isDone()) {
			indexed.set(0);
			status.set(new Status(true, 0, Instant.now(), null, null));
			current = worker.submit(() -> rebuild(java.util.Date.from(updatedSince)));
		}
		return status();
	}

	public Status status() {
		Status s = status.get();
		return new Status(s.running(), indexed.get(), s.startedAt(), s.finishedAt(), s.error());
	}

	/** Waits for the running rebuild, if any (tests and start-up checks). */
	public Status awaitCompletion() throws Exception {
		Future<?> running;
		synchronized (this) {
			running = current;
		}
		if (running != null) {
			running.get();
		}
		return status();
	}

	private void rebuild(java.util.Date updatedSince) {
		Instant started = status.get().startedAt();
		log.info("Rebuilding the full-text index from the database");
		try {
			Long after = -1L;
			while (after != null) {
				long from = after;
				after = transactions.execute(tx -> reindexBatchAfter(from, updatedSince));
			}
			status.set(new Status(false, indexed.get(), started, Instant.now(), null));
			log.info("Full-text index rebuilt: {} resources", indexed.get());
		} catch (RuntimeException e) {
			log.error("Full-text index rebuild failed after {} resources", indexed.get(), e);
			status.set(new Status(false, indexed.get(), started, Instant.now(), e.toString()));
		}
	}

	/** Re-indexes the next batch of live resources; returns the last primary key seen, or null when done. */
	private Long reindexBatchAfter(long afterPid, java.util.Date updatedSince) {
		List<ResourceTable> batch = entityManager
				.createQuery(
						"SELECT t FROM ResourceTable t WHERE t.myPid.myId > :after AND t.myDeleted IS NULL"
								+ " AND t.myUpdated >= :since AND t.myResourceType NOT IN :skipped ORDER BY t.myPid.myId",
						ResourceTable.class)
				.setParameter("after", afterPid)
				.setParameter("since", updatedSince)
				.setParameter("skipped", NOT_REINDEXED)
				.setMaxResults(BATCH_SIZE)
				.getResultList();
		if (batch.isEmpty()) {
			return null;
		}
		for (ResourceTable resource : batch) {
			reindexer.reindexResourceEntity(resource);
			indexed.incrementAndGet();
		}
		entityManager.flush();
		entityManager.clear();
		return batch.get(batch.size() - 1).getPersistentId().getId();
	}

	@Override
	public void destroy() {
		worker.shutdownNow();
	}
}
