package dev.zkleader.benchmarks.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables that read well in a terminal and render as Markdown.
 */
class MarkdownTableTests {

	@Test
	void padsColumnsAndRightAlignsNumericOnes() {
		String table = new MarkdownTable("Name", ">ms").row("raw", "14.7").row("this starter", "9").toString();
		assertThat(table).isEqualTo("""
				| Name         |   ms |
				| ------------ | ---: |
				| raw          | 14.7 |
				| this starter |    9 |
				""");
	}

}
