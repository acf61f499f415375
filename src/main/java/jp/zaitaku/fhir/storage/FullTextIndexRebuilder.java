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
 *
 * <p>When the run covers what {@link FullTextIndexLag} knows the index to be missing, the index is
 * whole again and full-text searches are served.
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
	private final FullTextIndexLag lag;
	private volatile boolean stopping;
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

	public FullTextIndexRebuilder(ResourceReindexer reindexer, PlatformTransactionManager transactionManager, FullTextIndexLag lag) {
		this.reindexer = reindexer;
		this.transactions = new TransactionTemplate(transactionManager);
		this.lag = lag;
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
			current = worker.submit(() -> rebuild(updatedSince));
		}
		return status();
	}

	public Status status() {
		Status s = status.get();
		return new Status(s.running(), indexed.get(), s.startedAt(), s.finishedAt(), s.error());
	}

	/** The server is shutting down: a rebuild that ends now was interrupted, not failed. */
	public boolean isStopping() {
		return stopping;
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

	private void rebuild(Instant updatedSince) {
		Instant started = status.get().startedAt();
		log.info("Re-indexing the full text of resources updated since {}", updatedSince);
		try {
			Long after = -1L;
			while (after != null) {
				after = reindexBatchAfter(after, java.util.Date.from(updatedSince));
			}
			status.set(new Status(false, indexed.get(), started, Instant.now(), null));
			log.info("Full-text index rebuilt: {} resources", indexed.get());
			lag.rebuiltSince(updatedSince);
		} catch (RuntimeException e) {
			status.set(new Status(false, indexed.get(), started, Instant.now(), e.toString()));
			if (stopping) {
				log.info("Full-text index rebuild stopped by the shutdown after {} resources; it resumes at the next start", indexed.get());
			} else {
				log.error("Full-text index rebuild failed after {} resources", indexed.get(), e);
			}
		}
	}

	/**
	 * Re-indexes the next batch of live resources in one transaction; returns the last primary key
	 * seen, or null when done. A resource that cannot be re-indexed must not stop the rest: when the
	 * batch fails, its resources are retried one per transaction and the failing ones are logged and
	 * skipped.
	 */
	private Long reindexBatchAfter(long afterPid, java.util.Date updatedSince) {
		List<Long> batch = transactions.execute(tx -> idsAfter(afterPid, updatedSince));
		if (batch.isEmpty()) {
			return null;
		}
		try {
			transactions.executeWithoutResult(tx -> reindex(batch));
		} catch (RuntimeException batchFailed) {
			if (stopping) {
				throw batchFailed;
			}
			batch.forEach(this::reindexAlone);
		}
		return batch.get(batch.size() - 1);
	}

	private List<Long> idsAfter(long afterPid, java.util.Date updatedSince) {
		return entityManager
				.createQuery(
						"SELECT t.myPid.myId FROM ResourceTable t WHERE t.myPid.myId > :after AND t.myDeleted IS NULL"
								+ " AND t.myUpdated >= :since AND t.myResourceType NOT IN :skipped ORDER BY t.myPid.myId",
						Long.class)
				.setParameter("after", afterPid)
				.setParameter("since", updatedSince)
				.setParameter("skipped", NOT_REINDEXED)
				.setMaxResults(BATCH_SIZE)
				.getResultList();
	}

	private void reindex(List<Long> pids) {
		entityManager
				.createQuery("SELECT t FROM ResourceTable t WHERE t.myPid.myId IN :pids AND t.myDeleted IS NULL", ResourceTable.class)
				.setParameter("pids", pids)
				.getResultList()
				.forEach(resource -> {
					reindexer.reindexResourceEntity(resource);
					indexed.incrementAndGet();
				});
	}

	private void reindexAlone(Long pid) {
		try {
			transactions.executeWithoutResult(tx -> reindex(List.of(pid)));
		} catch (RuntimeException e) {
			if (stopping) {
				throw e;
			}
			log.warn("Resource {} could not be re-indexed for full-text search; skipped: {}", pid, e.toString());
		}
	}

	@Override
	public void destroy() {
		stopping = true;
		worker.shutdownNow();
	}
}
