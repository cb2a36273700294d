package dk.sammen.localstack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalStackOptionsTest {

	private static final Path ROOT = Path.of("/repo");

	@Test
	void parse_withoutOptions_usesDotLocalDataUnderTheWorkingDirectory() {
		LocalStackOptions options = LocalStackOptions.parse(new String[0], ROOT);

		assertThat(options.reset()).isFalse();
		assertThat(options.dataDirectory()).isEqualTo(Path.of("/repo/.local-data"));
	}

	@Test
	void parse_withResetAndDataDir_takesBoth() {
		LocalStackOptions options = LocalStackOptions.parse(new String[] { "--data-dir", "other", "--reset" }, ROOT);

		assertThat(options.reset()).isTrue();
		assertThat(options.dataDirectory()).isEqualTo(Path.of("/repo/other"));
	}

	@Test
	void parse_withDataDirEqualsAbsolutePath_takesIt() {
		LocalStackOptions options = LocalStackOptions.parse(new String[] { "--data-dir=/tmp/sammen" }, ROOT);

		assertThat(options.dataDirectory()).isEqualTo(Path.of("/tmp/sammen"));
	}

	@Test
	void parse_withAnUnknownOption_fails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalStackOptions.parse(new String[] { "--fast" }, ROOT))
			.withMessage("Unknown option: --fast");
	}

	@Test
	void parse_withDataDirWithoutAValue_fails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalStackOptions.parse(new String[] { "--data-dir" }, ROOT))
			.withMessage("--data-dir needs a directory");
	}

}
