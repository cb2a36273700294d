package dk.sammen.localstack;

import java.util.List;

/** Draws lines in a box, for the summary the local stack prints once it is up. */
final class StatusBox {

	private StatusBox() {
	}

	static String render(List<String> lines) {
		int width = lines.stream().mapToInt(String::length).max().orElse(0);
		String horizontal = "─".repeat(width + 2);
		StringBuilder box = new StringBuilder("┌").append(horizontal).append("┐\n");
		for (String line : lines) {
			box.append("│ ").append(line).append(" ".repeat(width - line.length())).append(" │\n");
		}
		return box.append("└").append(horizontal).append("┘").toString();
	}

}
