//! Tests of [`prose`] and [`description`]: each Markdown construct a description could
//! trigger by accident comes out escaped, and plain text comes out unchanged.

use super::{description, prose};

#[test]
fn plain_text_is_unchanged() {
    let text = "The alert's severity (low, medium or high), e.g. on_premises_id; 100% sure.";
    assert_eq!(prose(text), text);
}

#[test]
fn code_fences_and_indented_code_become_prose() {
    let fenced = "Use it like:\n\n```\nlet x = ;\n```";
    assert_eq!(
        prose(fenced),
        "Use it like:\n\n\\`\\`\\`\nlet x = ;\n\\`\\`\\`"
    );
    assert_eq!(prose("~~~rust\nx\n~~~"), "\\~\\~\\~rust\nx\n\\~\\~\\~");
    let indented = "Example:\n\n    let x = ;\n\tmore";
    assert_eq!(prose(indented), "Example:\n\nlet x = ;\nmore");
}

#[test]
fn links_and_html_are_escaped() {
    assert_eq!(prose("a [x] link"), "a \\[x\\] link");
    assert_eq!(prose("[x]: https://e.com"), "\\[x\\]: <https://e.com>");
    assert_eq!(
        prose("Vec<T> or <b>bold</b>"),
        "Vec\\<T\\> or \\<b\\>bold\\</b\\>"
    );
    assert_eq!(prose("a \\ slash"), "a \\\\ slash");
}

#[test]
fn single_backtick_code_spans_are_kept_as_written() {
    assert_eq!(
        prose("`/` for the whole tenant"),
        "`/` for the whole tenant"
    );
    assert_eq!(prose("see `a[0] <T>` here"), "see `a[0] <T>` here");
    assert_eq!(prose("an odd ` backtick"), "an odd \\` backtick");
    assert_eq!(
        prose("``x`` and `` ` ``"),
        "\\`\\`x\\`\\` and \\`\\` \\` \\`\\`"
    );
    assert_eq!(prose("`a` `b`"), "`a` `b`");
}

#[test]
fn emphasis_markers_are_escaped_except_inside_words() {
    assert_eq!(prose("*bold* a*b"), "\\*bold\\* a\\*b");
    assert_eq!(prose("_em_ snake_case"), "\\_em\\_ snake_case");
    assert_eq!(prose("__init__"), "\\_\\_init\\_\\_");
    assert_eq!(prose("~strike~ a|b"), "\\~strike\\~ a\\|b");
}

#[test]
fn entities_are_escaped_but_a_lone_ampersand_is_not() {
    assert_eq!(prose("A & B"), "A & B");
    assert_eq!(prose("&amp; &#60;"), "\\&amp; \\&#60;");
}

#[test]
fn block_markers_at_line_start_are_escaped() {
    let text = "# Title\n- item\n+ item\n* item\n> quote\n1. first\n2) second\n===\n---";
    assert_eq!(
        prose(text),
        "\\# Title\n\\- item\n\\+ item\n\\* item\n\\> quote\n1\\. first\n2\\) second\n\\===\n\\---"
    );
    assert_eq!(prose("Since 2024. Or -5."), "Since 2024. Or -5.");
    assert_eq!(prose("12345 items"), "12345 items");
}

#[test]
fn urls_become_autolinks_without_trailing_punctuation() {
    assert_eq!(
        prose("See https://learn.example/a_b?x=1&y=[2]."),
        "See <https://learn.example/a_b?x=1&y=[2]>."
    );
    assert_eq!(
        prose("(see http://e.com/wiki/Foo_(bar)), then"),
        "(see <http://e.com/wiki/Foo_(bar)>), then"
    );
    assert_eq!(prose("xhttps://e.com"), "xhttps://e.com");
    assert_eq!(prose("https:// alone"), "https:// alone");
}

#[test]
fn line_breaks_are_normalised() {
    assert_eq!(prose("a\r\nb\rc"), "a\nb\nc");
    assert_eq!(prose("a\n\n\n  \nb"), "a\n\nb");
    assert_eq!(prose("\n\n a \n"), "a");
}

#[test]
fn description_trims_escapes_and_drops_blank_text() {
    assert_eq!(description(None), None);
    assert_eq!(description(Some("  \n ")), None);
    assert_eq!(
        description(Some(" The [id]. ")).as_deref(),
        Some("The \\[id\\].")
    );
}
