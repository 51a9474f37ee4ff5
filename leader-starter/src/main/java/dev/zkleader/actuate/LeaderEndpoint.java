package dev.zkleader.actuate;

import java.util.Map;
import java.util.TreeMap;

import dev.zkleader.election.ElectionRegistry;
import dev.zkleader.election.ElectionSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code leader} actuator endpoint: who leads each election, and a write operation
 * that makes this instance step down (for example before a deploy). Exposed over HTTP
 * only when the application exposes it
 * ({@code management.endpoints.web.exposure.include=leader}).
 */
@Endpoint(id = "leader")
public class LeaderEndpoint {

	private final ElectionRegistry elections;

	public LeaderEndpoint(ElectionRegistry elections) {
		this.elections = elections;
	}

	@ReadOperation
	public ElectionsDescriptor elections() {
		Map<String, ElectionDescriptor> descriptors = new TreeMap<>();
		this.elections.snapshots().forEach((name, snapshot) -> descriptors.put(name, describe(snapshot, false)));
		int leaderships = (int) descriptors.values().stream().filter(ElectionDescriptor::leader).count();
		return new ElectionsDescriptor(leaderships, descriptors);
	}

	@ReadOperation
	public @Nullable ElectionDescriptor election(@Selector String name) {
		ElectionSnapshot snapshot = this.elections.snapshot(name);
		return (snapshot != null) ? describe(snapshot, false) : null;
	}

	/**
	 * Acts on one election. The only action is {@code yield}: step down and rejoin at the
	 * back of the queue, so that another instance takes over. Returns at once; the yield
	 * drains running leader-only calls in the background, as a shutdown does.
	 * @param name the election
	 * @param action {@code yield}
	 * @return the election's state when the yield began, or {@code null} (404) for an
	 * unknown election
	 */
	@WriteOperation
	public @Nullable ElectionDescriptor act(@Selector String name, String action) {
		if (!"yield".equals(action)) {
			throw new InvalidEndpointRequestException("Unknown action '" + action + "': the only action is 'yield'",
					"Unknown action");
		}
		ElectionSnapshot snapshot = this.elections.snapshot(name);
		if (snapshot == null) {
			return null;
		}
		return describe(snapshot, this.elections.yieldInBackground(name));
	}

	private ElectionDescriptor describe(ElectionSnapshot snapshot, boolean yielding) {
		return ElectionDescriptor.of(snapshot, this.elections.participants(snapshot.name()), yielding);
	}

	/**
	 * All elections of this instance.
	 *
	 * @param leaderships how many of them this instance leads
	 * @param elections the elections by name
	 */
	public record ElectionsDescriptor(int leaderships,
			Map<String, ElectionDescriptor> elections) implements OperationResponseBody {
	}

}
