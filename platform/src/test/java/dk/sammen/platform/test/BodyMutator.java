package dk.sammen.platform.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;

/**
 * Mutates a valid JSON body into hostile ones, reproducibly from a {@link Random}: values replaced by
 * other types, Mongo operators, huge or odd strings, deep nesting; fields removed or added (keys with
 * {@code $}, {@code .}, prototype names, unicode); raw-text damage (truncation, invalid UTF-8, duplicate
 * keys, trailing garbage); odd content types. Deep structures are spliced in as raw text, since a JSON
 * writer refuses them.
 */
public final class BodyMutator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String RAW = "\u0001raw:";

	private static final List<String> NASTY_STRINGS = List.of("", " ", "\u0000", "\u202Eevil", "\uD83D\uDE00".repeat(50),
			"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
			"\"><svg/onload=alert(1)>", "'; DROP TABLE events; --", "{\"$gt\": \"\"}", "$where", "a.b", "$set",
			"../../etc/passwd", "%00", "\\u0000", "ÆØÅ æøå ß ﬁ İ", "\u0301\u0301\u0301", "\uFEFF", "1e400",
			"2027-02-30T10:00:00+01:00", "2027-04-29T17:30:00+25:00", "9999-12-31T23:59:59Z", "-000001-01-01T00:00:00Z",
			"FREQ=SECONDLY", "FREQ=WEEKLY;COUNT=999999999", "http://127.0.0.1/", "http://[::1]/", "file:///etc/passwd",
			"x".repeat(5_000), "y".repeat(70_000), "z".repeat(300 * 1024), "\r\nX-Injected: 1", "null", "true", "0");

	private static final List<String> NASTY_KEYS = List.of("$gt", "$where", "$set", "a.b", ".", "$", "__proto__",
			"constructor", "id", "_id", "status", "organisationId", "version", "createdAt", "updatedAt", "freshness",
			"deleted", "\u0000", "ключ", "\uD83D\uDE00", "", " title", "Title", "title ", "x".repeat(10_000));

	private BodyMutator() {
	}

	/** One to three mutations of {@code valid}, chosen by {@code random}. */
	public static Mutant mutate(Random random, Map<String, Object> valid) {
		Map<String, Object> body = new LinkedHashMap<>(valid);
		List<String> raw = new ArrayList<>();
		int mutations = 1 + random.nextInt(3);
		for (int m = 0; m < mutations; m++) {
			mutateTree(random, body, raw, 0);
		}
		String text = JSON.writeValueAsString(body);
		for (int i = 0; i < raw.size(); i++) {
			text = text.replace(JSON.writeValueAsString(RAW + i), raw.get(i));
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (random.nextInt(8) == 0) {
			bytes = damage(random, text);
		}
		String contentType = "application/json";
		if (random.nextInt(25) == 0) {
			contentType = pick(random, List.of("text/plain", "application/xml", "application/json;charset=ISO-8859-1",
					"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/*"));
		}
		return new Mutant(bytes, contentType);
	}

	@SuppressWarnings("unchecked")
	private static void mutateTree(Random random, Map<String, Object> node, List<String> raw, int depth) {
		List<String> keys = new ArrayList<>(node.keySet());
		int choice = random.nextInt(10);
		if (keys.isEmpty() || choice == 0) {
			node.put(pick(random, NASTY_KEYS), value(random, raw));
			return;
		}
		String key = pick(random, keys);
		Object current = node.get(key);
		if (choice == 1) {
			node.remove(key);
		}
		else if (current instanceof Map<?, ?> nested && depth < 3 && choice < 6) {
			Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) nested);
			mutateTree(random, copy, raw, depth + 1);
			node.put(key, copy);
		}
		else if (current instanceof List<?> list && choice < 5) {
			List<Object> copy = new ArrayList<>(list);
			if (copy.isEmpty() || random.nextBoolean()) {
				copy.add(value(random, raw));
			}
			else {
				copy.set(random.nextInt(copy.size()), value(random, raw));
			}
			node.put(key, copy);
		}
		else {
			node.put(key, value(random, raw));
		}
	}

	private static Object value(Random random, List<String> raw) {
		return switch (random.nextInt(14)) {
			case 0 -> null;
			case 1 -> random.nextBoolean();
			case 2 -> pick(random, List.<Object>of(0, -1, Integer.MAX_VALUE, Long.MIN_VALUE, 1.5, -0.0, 1e308, 56.36));
			case 3 -> Map.of(pick(random, List.of("$gt", "$ne", "$where", "$regex", "$expr")), "");
			case 4 -> List.of(pick(random, NASTY_STRINGS), Map.of("$in", List.of()));
			case 5 -> Map.of("a.b", 1, "$c", List.of());
			case 6 -> spliced(raw, deep(random));
			case 7 -> spliced(raw, pick(random, List.of("1e99999", "-1e-99999", "123456789012345678901234567890",
					"NaN", "Infinity", "0x10", "01", "\"\\ud800\"", "\"\\u0000\"", "[]", "{}")));
			case 8 -> hugeArray(random);
			default -> pick(random, NASTY_STRINGS);
		};
	}

	private static String deep(Random random) {
		int depth = pick(random, List.of(50, 600, 5_000, 20_000));
		boolean arrays = random.nextBoolean();
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < depth; i++) {
			text.append(arrays ? "[" : "{\"a\":");
		}
		text.append('1');
		for (int i = 0; i < depth; i++) {
			text.append(arrays ? ']' : '}');
		}
		return text.toString();
	}

	private static List<Object> hugeArray(Random random) {
		int size = pick(random, List.of(11, 1_000, 50_000));
		List<Object> list = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			list.add(random.nextBoolean() ? "alle" : i);
		}
		return list;
	}

	private static String spliced(List<String> raw, String text) {
		raw.add(text);
		return RAW + (raw.size() - 1);
	}

	private static byte[] damage(Random random, String text) {
		return switch (random.nextInt(7)) {
			case 0 -> text.substring(0, random.nextInt(Math.max(1, text.length()))).getBytes(StandardCharsets.UTF_8);
			case 1 -> {
				byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
				bytes[random.nextInt(bytes.length)] = (byte) (int) pick(random, List.of(0xC3, 0xFF, 0x80, 0xED));
				yield bytes;
			}
			case 2 -> ("{\"title\":\"a\",\"title\":{\"$gt\":\"\"}," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
			case 3 -> (text + pick(random, List.of("}", "garbage", "{\"x\":1}", "\u0000"))).getBytes(StandardCharsets.UTF_8);
			case 4 -> pick(random, List.of("", "null", "[]", "123", "\"text\"", "[" + text + "]", "{}"))
				.getBytes(StandardCharsets.UTF_8);
			case 5 -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
			default -> text.replace("\"", "'").getBytes(StandardCharsets.UTF_8);
		};
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

}
