package dk.sammen.platform.test;

import java.util.Arrays;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * Installs BlockHound with Reactor's and Netty's integrations and the adjustments this stack
 * needs, so a blocking call on an event-loop thread fails the request it happens in.
 */
public final class SammenBlockHound {

	private SammenBlockHound() {
	}

	public static void install() {
		BlockHound.install((builder) -> {
			// the error often surfaces far from its cause (a client request sharing the event loop), so
			// the blocking thread's own stack is printed where CI output shows it
			builder.blockingMethodCallback((method) -> {
				BlockingOperationError error = new BlockingOperationError(method);
				System.err.println("BlockHound: blocking call " + method + " on " + Thread.currentThread().getName());
				error.printStackTrace();
				throw error;
			});
			// the embedded MongoDB-wire server shares the test JVM only; its threads are not ours to judge
			builder.nonBlockingThreadPredicate(
					(current) -> current.and((thread) -> !thread.getName().startsWith("mongo-server")));
			// reads /dev/urandom, which never blocks; an accepted exception across the Reactor world
			builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
			// the MongoDB driver guards its connection pool with short critical sections, by design
			builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "withLock");
			builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithLock");
			// the same kind of section around the cluster clock, met when two responses arrive at once
			builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "withInterruptibleLock");
			builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithInterruptibleLock");
			// Netty 4.2's adaptive allocator takes a StampedLock for an instant when it grows its magazines
			// under contention; a synchronisation detail, not I/O (netty/netty#14494, line/armeria#6344)
			builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
					"tryExpandMagazines");
			builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
			if (Arrays.stream(Thread.class.getDeclaredMethods())
				.anyMatch((method) -> method.getName().equals("sleepNanos"))) {
				// BlockHound 1.0.13 knows Thread.sleep0 of JDK 21 but not sleepNanos, which JDK 25 sleeps in
				builder.markAsBlocking("java.lang.Thread", "sleepNanos", "(J)V");
			}
		});
	}

}
