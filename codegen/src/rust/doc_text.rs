//! CSDL text in rustdoc: descriptions written by people for people, printed so that rustdoc
//! shows them as written.
//!
//! rustdoc reads doc comments as Markdown, and metadata descriptions are not Markdown: a code
//! fence or an indented line becomes a doctest that fails, `[x]` an intra-doc link, `<T>` an
//! HTML tag, a bare URL a lint warning. [`prose`] is the one place that turns such text into
//! plain Markdown prose; every writer that prints CSDL text into docs goes through
//! [`description`] (or [`prose`]). The writers' own sentences, which use Markdown on purpose
//! (`` `name` ``, links), are not passed through it.

/// The strings of `#[doc = ...]` attributes for `text`, one per line: ` line` (with the space
/// a `///` comment has), empty for an empty line.
pub fn doc_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines().map(|l| match l.is_empty() {
        true => String::new(),
        false => format!(" {l}"),
    })
}

/// A description as rustdoc prose: trimmed and escaped by [`prose`]; `None` when there is
/// none or it is blank.
pub fn description(text: Option<&str>) -> Option<String> {
    let text = text?.trim();
    (!text.is_empty()).then(|| prose(text))
}

/// `text` as Markdown that renders as the text itself, in paragraphs.
///
/// - Lines are trimmed, so no line is indented code; runs of blank lines become one paragraph
///   break; a lone `\r` breaks a line like `\n` (a bare CR is not allowed in a doc comment).
/// - A code span of single backticks around text on one line (`` `DirectoryRole` ``) is kept
///   as written, its content untouched: inside it nothing is a link, HTML or a doctest.
/// - Markdown's other inline punctuation is escaped with `\`: `` ` `` (fences, and a backtick
///   that opens no such span), `[` `]` (links), `<` `>` (HTML, autolinks, block quotes), `*` `~` `|` (emphasis,
///   strikethrough, tables), `\` itself, `_` where it could start or end emphasis, and `&`
///   where it could start an entity.
/// - A line that would open a block (`#`, `-`, `+`, `=`, `1.`, `1)`) has its marker escaped.
/// - `http://` and `https://` URLs are written as autolinks (`<https://...>`), which rustdoc
///   shows as the URL itself; a bare URL is a `rustdoc::bare_urls` warning.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut blank = false;
    for line in text.lines().flat_map(|l| l.split('\r')).map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        escape_line(line, &mut out);
    }
    out
}

/// Appends one trimmed, non-empty line, escaped.
fn escape_line(line: &str, out: &mut String) {
    let rest = escape_block_marker(line, out);
    let mut previous = None;
    let mut index = 0;
    while let Some(c) = rest.get(index..).and_then(|s| s.chars().next()) {
        let tail = rest.get(index..).unwrap_or_default();
        if let Some(url) = url_at(tail, previous) {
            out.push('<');
            out.push_str(url);
            out.push('>');
            index += url.len();
            previous = url.chars().next_back();
            continue;
        }
        if c == '`' {
            let (text, kept) = backticks_at(tail);
            match kept {
                true => out.push_str(text),
                false => text.chars().for_each(|b| out.extend(['\\', b])),
            }
            index += text.len();
            previous = Some('`');
            continue;
        }
        let next = tail.chars().nth(1);
        if needs_escape(c, previous, next) {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
        index += c.len_utf8();
    }
}

/// What starts with the backtick at the beginning of `tail`: a code span to keep (one
/// backtick, some text without backticks, one backtick not followed by another), `true`; or
/// else the run of backticks there, to escape, `false`.
fn backticks_at(tail: &str) -> (&str, bool) {
    let run = tail.bytes().take_while(|&b| b == b'`').count();
    let span = (run == 1)
        .then(|| tail.get(1..)?.find('`'))
        .flatten()
        // `run == 1`, so the text between the backticks is never empty.
        .filter(|&end| tail.as_bytes().get(end + 2) != Some(&b'`'))
        .and_then(|end| tail.get(..end + 2));
    match span {
        Some(span) => (span, true),
        None => (tail.get(..run).unwrap_or_default(), false),
    }
}

/// Escapes a block marker at the start of `line` (a heading, list item, setext underline or
/// ordered list number) and returns the rest of the line, still to be escaped inline.
fn escape_block_marker<'a>(line: &'a str, out: &mut String) -> &'a str {
    if let Some(rest) = line.strip_prefix(['#', '-', '+', '=']) {
        out.push('\\');
        out.push_str(line.get(..1).unwrap_or_default());
        return rest;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = line.get(digits..).and_then(|s| s.strip_prefix(['.', ')']));
    match marker {
        Some(rest) if digits > 0 => {
            out.push_str(line.get(..digits).unwrap_or_default());
            out.push('\\');
            out.push_str(line.get(digits..=digits).unwrap_or_default());
            rest
        }
        _ => line,
    }
}

/// Whether `c`, between `previous` and `next`, must be backslash-escaped.
fn needs_escape(c: char, previous: Option<char>, next: Option<char>) -> bool {
    let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    match c {
        '\\' | '[' | ']' | '<' | '>' | '*' | '~' | '|' => true,
        // Inside a word (`on_premises_id`) `_` can neither open nor close emphasis.
        '_' => !(alphanumeric(previous) && alphanumeric(next)),
        // `&amp;`, `&#60;`: an entity would be decoded.
        '&' => alphanumeric(next) || next == Some('#'),
        _ => false,
    }
}

/// The URL starting at the beginning of `tail`, if one does and does not continue a word:
/// up to whitespace or a character that cannot be in an autolink, without trailing
/// punctuation (a `)` only when it closes nothing inside the URL).
fn url_at(tail: &str, previous: Option<char>) -> Option<&str> {
    if previous.is_some_and(char::is_alphanumeric)
        || !(tail.starts_with("http://") || tail.starts_with("https://"))
    {
        return None;
    }
    let end = tail
        .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(tail.len());
    let mut url = tail.get(..end)?;
    loop {
        let unbalanced = url.matches(')').count() > url.matches('(').count();
        match url.chars().next_back() {
            Some('.' | ',' | ';' | ':' | '!' | '?' | '\'') => {}
            Some(')') if unbalanced => {}
            _ => break,
        }
        url = url.get(..url.len() - 1)?;
    }
    let host = url.split_once("://").map_or("", |(_, host)| host);
    (!host.is_empty()).then_some(url)
}

#[cfg(test)]
mod tests;
