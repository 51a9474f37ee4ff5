package dev.zkleader.harness.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The drivers' options: both spellings of a value, flags, repeated options, defaults, and
 * messages that name what is wrong.
 */
class CommandLineTests {

	private static final Set<String> FLAGS = Set.of("--keep");

	private static final Set<String> VALUED = Set.of("--instances", "--lead-for", "--output", "--arg");

	@Test
	void readsValuesInBothSpellingsFlagsAndDefaults() {
		CommandLine line = parse("--instances", "3", "--keep", "--lead-for=1.5s", "--arg", "a", "--arg=b=c");
		assertThat(line.integer("--instances", 6)).isEqualTo(3);
		assertThat(line.has("--keep")).isTrue();
		assertThat(line.duration("--lead-for", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
		assertThat(line.values("--arg")).containsExactly("a", "b=c");
		assertThat(line.path("--output", Path.of("target"))).isEqualTo(Path.of("target"));
		assertThat(line.value("--output")).isEmpty();
		assertThat(line.arguments()).containsExactly("--instances", "3", "--keep", "--lead-for=1.5s", "--arg", "a",
				"--arg=b=c");
	}

	@Test
	void theLastValueOfAnOptionGivenTwiceWins() {
		assertThat(parse("--output", "one", "--output=two").path("--output", Path.of("x"))).isEqualTo(Path.of("two"));
	}

	@Test
	void refusesWhatItCannotReadWithAMessageThatNamesIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--instance", "3"))
			.withMessage("Unknown option --instance");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--keep=yes"))
			.withMessage("Unknown option --keep=yes");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--instances"))
			.withMessage("--instances needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--instances", "three").integer("--instances", 1))
			.withMessage("--instances needs a whole number, not three");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("--lead-for", "3 minutes").duration("--lead-for", Duration.ZERO))
			.withMessage("Durations look like 3s or 500ms, not 3 minutes");
		assertThatIllegalArgumentException().isThrownBy(() -> parse().requiredPath("--output", "the script passes it"))
			.withMessage("--output is required (the script passes it)");
	}

	@Test
	void readsDurationsInMillisecondsAndSeconds() {
		assertThat(CommandLine.duration("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(CommandLine.duration(" 2S ")).isEqualTo(Duration.ofSeconds(2));
		assertThat(CommandLine.duration("0.4s")).isEqualTo(Duration.ofMillis(400));
	}

	@Test
	void helpIsAlwaysAnOption() {
		assertThat(parse("--help").has("--help")).isTrue();
		assertThat(parse("-h").has("-h")).isTrue();
	}

	private static CommandLine parse(String... args) {
		return CommandLine.parse(args, FLAGS, VALUED);
	}

}
