package dev.zkleader.harness.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A driver's options: flags ({@code --keep}) and options with a value, given as
 * {@code --name value} or {@code --name=value}; an option given twice keeps both values.
 * Unknown options and missing values are refused with a message that names them.
 */
public final class CommandLine {

	private static final Set<String> HELP = Set.of("--help", "-h");

	private final Map<String, List<String>> values;

	private final List<String> arguments;

	private CommandLine(Map<String, List<String>> values, List<String> arguments) {
		this.values = values;
		this.arguments = arguments;
	}

	/**
	 * Reads the arguments.
	 * @param args the arguments
	 * @param flags the options without a value, such as {@code --keep}
	 * @param valued the options with a value, such as {@code --instances}
	 * @return the options
	 * @throws IllegalArgumentException on an unknown option or a missing value
	 */
	public static CommandLine parse(String[] args, Set<String> flags, Set<String> valued) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			int equals = arg.indexOf('=');
			String name = (equals > 0) ? arg.substring(0, equals) : arg;
			if (valued.contains(name)) {
				String value;
				if (equals > 0) {
					value = arg.substring(equals + 1);
				}
				else if (i + 1 < args.length) {
					value = args[++i];
				}
				else {
					throw new IllegalArgumentException(name + " needs a value");
				}
				values.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			}
			else if (flags.contains(arg) || HELP.contains(arg)) {
				values.computeIfAbsent(arg, (key) -> new ArrayList<>()).add("");
			}
			else {
				throw new IllegalArgumentException("Unknown option " + arg);
			}
		}
		return new CommandLine(values, List.of(args));
	}

	/**
	 * Parses a driver's options, or ends the JVM: on {@code --help} (or {@code -h}) with
	 * the usage on standard output and code 0, on bad options with the problem and the
	 * usage on standard error and code 2.
	 * @param <T> the options type
	 * @param args the arguments
	 * @param usage the usage text
	 * @param parser reads the options
	 * @return the options
	 * @throws IOException if the parser cannot read a file it was given
	 */
	public static <T> T optionsOrExit(String[] args, String usage, Parser<T> parser) throws IOException {
		if (List.of(args).stream().anyMatch(HELP::contains)) {
			System.out.print(usage);
			System.exit(0);
		}
		try {
			return parser.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(usage);
			System.exit(2);
			throw ex;
		}
	}

	/**
	 * Reads a duration as {@code 3s}, {@code 1.5s} or {@code 500ms}.
	 * @param text the text
	 * @return the duration
	 * @throws IllegalArgumentException if it is not one
	 */
	public static Duration duration(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		try {
			if (value.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
			}
			if (value.endsWith("s")) {
				return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
			}
		}
		catch (NumberFormatException ex) {
			// Reported below.
		}
		throw new IllegalArgumentException("Durations look like 3s or 500ms, not " + text);
	}

	public boolean has(String flag) {
		return this.values.containsKey(flag);
	}

	/**
	 * The last value of an option.
	 * @param name the option
	 * @return its value, if given
	 */
	public Optional<String> value(String name) {
		List<String> all = values(name);
		return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
	}

	/**
	 * Every value of an option, in order.
	 * @param name the option
	 * @return its values, empty if not given
	 */
	public List<String> values(String name) {
		return List.copyOf(this.values.getOrDefault(name, List.of()));
	}

	public String text(String name, String otherwise) {
		return value(name).orElse(otherwise);
	}

	public int integer(String name, int otherwise) {
		long value = number(name, otherwise);
		if (value != (int) value) {
			throw new IllegalArgumentException(name + " is too large: " + value);
		}
		return (int) value;
	}

	public long number(String name, long otherwise) {
		Optional<String> value = value(name);
		if (value.isEmpty()) {
			return otherwise;
		}
		try {
			return Long.parseLong(value.get().strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " needs a whole number, not " + value.get());
		}
	}

	public Duration duration(String name, Duration otherwise) {
		return value(name).map(CommandLine::duration).orElse(otherwise);
	}

	public Path path(String name, Path otherwise) {
		return value(name).map(Path::of).orElse(otherwise);
	}

	/**
	 * A path that must be given.
	 * @param name the option
	 * @param why says who passes it, for the message
	 * @return the path
	 * @throws IllegalArgumentException if it was not given
	 */
	public Path requiredPath(String name, String why) {
		return value(name).map(Path::of)
			.orElseThrow(() -> new IllegalArgumentException(name + " is required (" + why + ")"));
	}

	/**
	 * The arguments as given.
	 * @return them
	 */
	public List<String> arguments() {
		return this.arguments;
	}

	/**
	 * Reads a driver's options from its arguments.
	 *
	 * @param <T> the options type
	 */
	@FunctionalInterface
	public interface Parser<T> {

		T parse(String[] args) throws IOException;

	}

}
