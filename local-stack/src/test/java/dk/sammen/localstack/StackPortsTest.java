package dk.sammen.localstack;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StackPortsTest {

	@Test
	void defaults_areTheContractsPorts() {
		assertThat(ports(StackPorts.DEFAULTS)).containsExactly(8080, 8081, 8082, 8083, 9092, 27017, 3025, 3143);
	}

	@Test
	void free_picksEightDistinctFreePorts() {
		List<Integer> ports = ports(StackPorts.free());

		assertThat(ports).hasSize(8).doesNotHaveDuplicates().allMatch(FreePorts::isFree);
	}

	@Test
	void new_withAPortOutOfRange_fails() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StackPorts(8080, 8081, 8082, 8083, 9092, 0, 3025, 3143))
			.withMessage("Not a port: 0");
	}

	@Test
	void requiredPorts_followTheChosenPorts() {
		StackPorts ports = new StackPorts(18080, 18081, 18082, 18083, 19092, 37017, 13025, 13143);

		assertThat(RequiredPort.of(ports)).extracting(RequiredPort::port).containsExactlyElementsOf(ports(ports));
		assertThat(RequiredPort.of(ports).get(0).purpose()).isEqualTo("the gateway");
	}

	private static List<Integer> ports(StackPorts ports) {
		return List.of(ports.gateway(), ports.events(), ports.campaign(), ports.notification(), ports.kafka(),
				ports.mongo(), ports.smtp(), ports.imap());
	}

}
