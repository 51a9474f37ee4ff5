package dev.zkleader.jdbc;

import java.util.List;

import dev.zkleader.LeadershipContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Refuses the writes of a replaced leader. A small table remembers, per resource, the
 * highest fencing token that has written to it; a write proceeds only while its token is
 * at least that high. ZooKeeper alone cannot stop a leader that was paused or cut off
 * from acting on its stale belief; the database it writes to can.
 * <p>
 * Call it inside the transaction that does the write (for example from a
 * {@code @Transactional} method or a {@code TransactionTemplate}): the fence row stays
 * locked until that transaction ends, so a stale leader cannot slip in between the check
 * and the write. Outside a transaction (in auto-commit) the row would be released at
 * once, so that a paused stale leader could pass the fence, sleep, and write after the
 * new leader: the fence refuses to run there and throws {@link IllegalStateException}.
 * <p>
 * <strong>A rebuilt ZooKeeper ensemble.</strong> Tokens are ZooKeeper transaction ids
 * (zxids), which only grow while the ensemble keeps its data. An ensemble rebuilt from
 * empty data directories starts them again from the beginning, so every token it hands
 * out is lower than the ones the fence remembers, and every later write is refused (each
 * refusal is logged as a warning with both tokens). After such a rebuild, once the old
 * leaders are gone, call {@link #reset()} (or run {@code DELETE FROM leader_fence}) so
 * that the fence starts over from the new ensemble's tokens.
 *
 * <pre class="code">
 * &#64;Scheduled(fixedRate = 60_000)
 * &#64;LeaderOnly
 * &#64;Transactional
 * public void publishDailyReport() {
 *     fence.writeAsCurrentLeader("daily-report", () -&gt; jdbc.update("UPDATE report SET body = ?", render()));
 * }
 * </pre>
 */
public final class JdbcFence {

	/**
	 * The default name of the fence table.
	 */
	public static final String DEFAULT_TABLE = "leader_fence";

	private static final Log logger = LogFactory.getLog(JdbcFence.class);

	private final JdbcOperations jdbc;

	private final String table;

	/**
	 * Creates a fence on the {@value #DEFAULT_TABLE} table.
	 * @param jdbc where the table lives
	 */
	public JdbcFence(JdbcOperations jdbc) {
		this(jdbc, DEFAULT_TABLE);
	}

	/**
	 * Creates a fence on the given table.
	 * @param jdbc where the table lives
	 * @param table the table's name (letters, digits and underscores, optionally
	 * schema-qualified)
	 */
	public JdbcFence(JdbcOperations jdbc, String table) {
		Assert.isTrue(table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?"),
				() -> "'" + table + "' is not a plain table name");
		this.jdbc = jdbc;
		this.table = table;
	}

	/**
	 * The statement that creates the fence table, for a schema script or a migration.
	 * @return the DDL
	 */
	public String createTableStatement() {
		return "CREATE TABLE " + this.table + " (resource VARCHAR(200) NOT NULL PRIMARY KEY, token BIGINT NOT NULL)";
	}

	/**
	 * Lets the token pass the resource's fence, if no higher token has passed it, and
	 * raises the fence to it.
	 * @param resource what the write changes, such as a table or a business key
	 * @param token the writer's fencing token
	 * @return {@code true} if the writer may write; {@code false} if a newer leader
	 * already has
	 * @throws IllegalStateException outside a transaction
	 */
	public boolean tryAdvance(String resource, long token) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("JdbcFence must run inside the transaction that does the write "
					+ "(a @Transactional method or a TransactionTemplate): in auto-commit the fence row is released "
					+ "at once, and a replaced leader could pass the fence and write after the new leader");
		}
		if (this.jdbc.update("UPDATE " + this.table + " SET token = ? WHERE resource = ? AND token <= ?", token,
				resource, token) == 1) {
			return true;
		}
		List<Long> current = this.jdbc.queryForList("SELECT token FROM " + this.table + " WHERE resource = ?",
				Long.class, resource);
		if (!current.isEmpty()) {
			logger.warn("Refused a write to '" + resource + "' with fencing token " + token + ": a leader with token "
					+ current.get(0) + " has written to it. If every write is refused since the ZooKeeper "
					+ "ensemble was rebuilt with empty data, its tokens started over: see JdbcFence.reset()");
			return false;
		}
		// First write to this resource. Should another writer insert at the same moment,
		// the key violation fails this transaction, which is the safe outcome.
		this.jdbc.update("INSERT INTO " + this.table + " (resource, token) VALUES (?, ?)", resource, token);
		return true;
	}

	/**
	 * Forgets the highest token of every resource, so that the next write of any token
	 * passes and raises the fence again. For use after the ZooKeeper ensemble was rebuilt
	 * from empty data (its tokens start over, lower than the remembered ones), once no
	 * leader of the old ensemble can still write; the same as {@code DELETE FROM
	 *
	<table>
	 * }.
	 * @return the number of resources forgotten
	 */
	public int reset() {
		return this.jdbc.update("DELETE FROM " + this.table);
	}

	/**
	 * Runs the write if the token passes the resource's fence.
	 * @param resource what the write changes
	 * @param token the writer's fencing token
	 * @param write the write, run in the caller's transaction
	 * @return {@code true} if the write ran
	 * @throws IllegalStateException outside a transaction
	 */
	public boolean write(String resource, long token, Runnable write) {
		if (!tryAdvance(resource, token)) {
			return false;
		}
		write.run();
		return true;
	}

	/**
	 * Runs the write with the token of the running {@code @LeaderOnly} call, if it passes
	 * the resource's fence.
	 * @param resource what the write changes
	 * @param write the write, run in the caller's transaction
	 * @return {@code true} if the write ran
	 * @throws IllegalStateException outside a {@code @LeaderOnly} call or outside a
	 * transaction
	 */
	public boolean writeAsCurrentLeader(String resource, Runnable write) {
		long token = LeadershipContext.currentToken()
			.orElseThrow(() -> new IllegalStateException("Not inside a @LeaderOnly call: no fencing token"));
		return write(resource, token, write);
	}

}
