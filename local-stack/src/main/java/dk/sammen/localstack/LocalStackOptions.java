package dk.sammen.localstack;

import java.nio.file.Path;

/** The command line of {@code bin/local-stack}. */
record LocalStackOptions(boolean reset, Path dataDirectory, boolean help) {

	static final String USAGE = """
			Usage: bin/local-stack [--reset] [--data-dir DIR] [--no-build]
			  --reset          delete the data directory first and start empty (then seed sample data)
			  --data-dir DIR   where data and logs live (default: .local-data)
			  --no-build       (bin/local-stack) do not build, run what is built""";

	/**
	 * @param workingDirectory what a relative data directory is resolved against
	 * @throws IllegalArgumentException for an unknown option or a missing value
	 */
	static LocalStackOptions parse(String[] args, Path workingDirectory) {
		boolean reset = false;
		boolean help = false;
		Path dataDirectory = workingDirectory.resolve(".local-data");
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--reset")) {
				reset = true;
			}
			else if (arg.equals("--help") || arg.equals("-h")) {
				help = true;
			}
			else if (arg.equals("--data-dir")) {
				if (i + 1 >= args.length || args[i + 1].isBlank()) {
					throw new IllegalArgumentException("--data-dir needs a directory");
				}
				dataDirectory = workingDirectory.resolve(args[++i]);
			}
			else if (arg.startsWith("--data-dir=")) {
				dataDirectory = workingDirectory.resolve(arg.substring("--data-dir=".length()));
			}
			else {
				throw new IllegalArgumentException("Unknown option: " + arg);
			}
		}
		return new LocalStackOptions(reset, dataDirectory.toAbsolutePath().normalize(), help);
	}

}
