package dk.sammen.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The builder the system tests use; starting real services is theirs to prove. */
class LocalStackTest {

	@TempDir
	Path root;

	@Test
	void missingJars_whenNothingIsBuilt_namesEveryService() {
		LocalStack stack = LocalStack.builder(this.root).build();

		assertThat(stack.missingJars()).containsExactly("events-service", "campaign-service", "notification-service",
				"gateway");
	}

	@Test
	void missingJars_whenOneIsBuilt_leavesItOut() throws Exception {
		Files.createDirectories(this.root.resolve("gateway/target"));
		Files.writeString(this.root.resolve("gateway/target/gateway-0.1.0-SNAPSHOT.jar"), "not really a jar");

		assertThat(LocalStack.builder(this.root).build().missingJars()).doesNotContain("gateway").hasSize(3);
	}

	@Test
	void start_withoutJars_failsNamingTheJarAndHowToBuildIt() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		LocalStack stack = LocalStack.builder(this.root)
			.ports(StackPorts.free())
			.dataDirectory(this.root.resolve("data"))
			.out(new PrintStream(out, true, StandardCharsets.UTF_8))
			.build();

		assertThatIllegalStateException().isThrownBy(stack::start)
			.withMessageStartingWith("No jar of events-service in " + this.root.resolve("events-service/target"))
			.withMessageContaining("./mvnw -DskipTests install");
		assertThat(this.root.resolve("data")).doesNotExist();
		stack.close();
	}

	@Test
	void builder_givesTheChosenPortsKeysAndLogDirectory() {
		StackPorts ports = StackPorts.free();
		LocalStack stack = LocalStack.builder(this.root)
			.ports(ports)
			.logDirectory(this.root.resolve("logs"))
			.environment(Map.of("SAMMEN_ADMIN_KEY", "test-admin-key"))
			.build();

		assertThat(stack.gatewayUri()).hasToString("http://127.0.0.1:" + ports.gateway());
		assertThat(stack.adminKey()).isEqualTo("test-admin-key");
		assertThat(stack.logDirectory()).isEqualTo(this.root.resolve("logs"));
	}

	@Test
	void builder_withoutAnAdminKey_generatesOne() {
		String key = LocalStack.builder(this.root).environment(Map.of()).build().adminKey();

		assertThat(key).hasSizeGreaterThanOrEqualTo(40)
			.isNotEqualTo(LocalStack.builder(this.root).environment(Map.of()).build().adminKey());
	}

	@Test
	void build_withEnvironmentForAnUnknownService_fails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalStack.builder(this.root).serviceEnvironment("billing-service", "A", "b").build())
			.withMessageStartingWith("No service named billing-service");
	}

	@Test
	void startService_beforeTheStackStarted_fails() {
		LocalStack stack = LocalStack.builder(this.root).build();

		assertThatIllegalStateException().isThrownBy(() -> stack.startService("campaign-service"))
			.withMessage("campaign-service was never started; start the stack first");
		assertThatIllegalArgumentException().isThrownBy(() -> stack.stopService("billing-service"))
			.withMessage("No service named billing-service");
	}

}
