package dk.sammen.localstack;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredPortTest {

	@Test
	void all_coversTheContractsPorts() {
		assertThat(RequiredPort.ALL).extracting(RequiredPort::port)
			.containsExactlyInAnyOrder(8080, 8081, 8082, 8083, 9092, 27017, 3025, 3143);
	}

	@Test
	void firstBusy_whenSomethingListensOnLoopback_namesThePortAndWhatNeedsIt() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			RequiredPort free = new RequiredPort(FreePorts.pick(), "something else");
			RequiredPort busy = new RequiredPort(taken.getLocalPort(), "the Kafka broker");

			assertThat(RequiredPort.firstBusy(List.of(free, busy))).contains(busy);
			assertThat(busy.busyMessage()).startsWith("Port " + taken.getLocalPort() + " is already in use")
				.contains("the Kafka broker needs it")
				.doesNotContain("\n");
		}
	}

	@Test
	void firstBusy_whenAllAreFree_isEmpty() {
		assertThat(RequiredPort.firstBusy(List.of(new RequiredPort(FreePorts.pick(), "a")))).isEmpty();
	}

}
