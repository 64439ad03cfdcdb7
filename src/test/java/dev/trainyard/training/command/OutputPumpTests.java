package dev.trainyard.training.command;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Output lines, progress lines and the in-memory tail.
 */
class OutputPumpTests {

	@Test
	void splitsLinesOnNewlinesWithOrWithoutCarriageReturnsAndKeepsTheLastPartialLine() {
		assertThat(pump("one\r\ntwo\n\nthree", 100)).containsExactly("one", "two", "", "three");
	}

	@Test
	void decodesUtf8AndReplacesWhatIsNot() {
		byte[] bytes = { 'a', (byte) 0xC3, (byte) 0xA9, '\n', (byte) 0xFF, 'b', '\n' };
		assertThat(pump(bytes, 100)).containsExactly("aé", "\uFFFDb");
	}

	@Test
	void cutsAndCountsWhatALineHasBeyondTheLimit() {
		assertThat(pump("x".repeat(250) + "\nshort\n", 100))
			.containsExactly("x".repeat(100) + "… [150 more characters]", "short");
	}

	@Test
	void readsProgressLinesStrictly() {
		assertThat(Progress.parse("trainyard:progress step=12 total=40")).isEqualTo(new Progress(12, 40));
		assertThat(Progress.parse("trainyard:progress step=12 total=40  ")).isEqualTo(new Progress(12, 40));
		for (String line : List.of("trainyard:progress step=12", "trainyard:progress total=40 step=12",
				"trainyard:progress step=-1 total=4", "trainyard:progress step=1 total=0",
				" trainyard:progress step=1 total=2", "trainyard:progress step=1 total=99999999999")) {
			assertThat(Progress.parse(line)).as(line).isNull();
		}
	}

	@Test
	void keepsTheLastLinesOfALog() {
		LogTail tail = new LogTail(2);
		assertThat(tail.text()).isEmpty();
		for (String text : List.of("a", "b", "c")) {
			tail.append(new LogLine(java.time.Instant.EPOCH, LogLine.Source.STDOUT, text));
		}
		assertThat(tail.lines()).extracting(LogLine::text).containsExactly("b", "c");
		assertThat(tail.text()).isEqualTo("b\nc");
	}

	private static List<String> pump(String text, int maxLine) {
		return pump(text.getBytes(StandardCharsets.UTF_8), maxLine);
	}

	private static List<String> pump(byte[] bytes, int maxLine) {
		List<String> lines = new ArrayList<>();
		new OutputPump(new ByteArrayInputStream(bytes), maxLine, lines::add).run();
		return lines;
	}

}
