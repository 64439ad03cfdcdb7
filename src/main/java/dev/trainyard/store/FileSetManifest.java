package dev.trainyard.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a set of files is: for each file its path relative to the set's directory
 * ({@code /}-separated), its size and its SHA-256. The manifest's bytes are deterministic
 * — entries sorted by path, one per line, no timestamps, nothing about where the set is
 * stored — so the same files always give the same {@link #sha256()}, which identifies the
 * set (a command trainer's {@code modelSha256}, CONTRACT §7):
 *
 * <pre>
 * {"format":"trainyard.file-set/1","files":[
 * {"path":"model.pt","size":1234,"sha256":"9f86d0…"},
 * {"path":"vocab/words.txt","size":56,"sha256":"60303a…"}
 * ]}
 * </pre>
 *
 * @param files the entries, sorted by path
 */
public record FileSetManifest(List<Entry> files) {

	static final String FORMAT = "trainyard.file-set/1";

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	/**
	 * One file of a set.
	 *
	 * @param path relative, {@code /}-separated, with no empty, {@code .} or {@code ..}
	 * segment and no control character
	 */
	public record Entry(String path, long size, String sha256) {

		public Entry {
			String problem = pathProblem(path);
			if (problem != null) {
				throw new IllegalArgumentException("file '" + path + "' " + problem);
			}
			if (size < 0 || sha256 == null || !SHA256.matcher(sha256).matches()) {
				throw new IllegalArgumentException("file '" + path
						+ "' needs a size >= 0 and a lower-case hex SHA-256, got " + size + ", " + sha256);
			}
		}

	}

	public FileSetManifest {
		List<Entry> sorted = new ArrayList<>(files);
		sorted.sort(Comparator.comparing(Entry::path));
		Set<String> seen = new HashSet<>();
		for (Entry entry : sorted) {
			if (!seen.add(entry.path())) {
				throw new IllegalArgumentException("file '" + entry.path() + "' is listed twice");
			}
		}
		files = List.copyOf(sorted);
	}

	/** The manifest as stored: UTF-8 JSON in the stable format above. */
	public byte[] bytes() {
		StringBuilder json = new StringBuilder("{\"format\":\"").append(FORMAT).append("\",\"files\":[\n");
		for (int i = 0; i < this.files.size(); i++) {
			Entry entry = this.files.get(i);
			json.append("{\"path\":\"")
				.append(escape(entry.path()))
				.append("\",\"size\":")
				.append(entry.size())
				.append(",\"sha256\":\"")
				.append(entry.sha256())
				.append("\"}")
				.append((i < this.files.size() - 1) ? ",\n" : "\n");
		}
		return json.append("]}\n").toString().getBytes(StandardCharsets.UTF_8);
	}

	/** The SHA-256 of {@link #bytes()}: the identity of the set. */
	public String sha256() {
		return Sha256.hex(bytes());
	}

	/** The bytes of all files together. */
	public long totalSize() {
		return this.files.stream().mapToLong(Entry::size).sum();
	}

	/**
	 * Why {@code path} cannot name a file of a set, or {@code null} when it can.
	 */
	static String pathProblem(String path) {
		if (path == null || path.isEmpty()) {
			return "has no name";
		}
		for (String segment : path.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				return "is not a plain relative path (empty, '.' or '..' segment)";
			}
		}
		for (int i = 0; i < path.length(); i++) {
			if (Character.isISOControl(path.charAt(i))) {
				return "has a control character in its name";
			}
		}
		return null;
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
