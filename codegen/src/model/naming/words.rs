//! Splits a name into words and joins them in one case, exactly as `heck` 0.5 does on the name
//! with every character that is not an ASCII letter or digit turned into a space.
//!
//! Words are runs of ASCII letters and digits, looked for byte by byte (every other byte,
//! including each byte of a non-ASCII character, separates words), split further where the case
//! changes. `heck` formats its output one character at a time through `fmt::Write` (about 0.5 µs
//! per name, 12 ms for the full Graph beta document); these few lines do the same split on
//! bytes, with `heck` itself as the test oracle (see the tests below and
//! `tests/naming_heck.rs`).

use super::Case;

/// The case of the last cased letter since the last word boundary (`heck`'s `WordMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No letter since the boundary (only digits, or nothing).
    Boundary,
    /// The last letter was lower case.
    Lower,
    /// The last letter was upper case.
    Upper,
}

/// `name` in `case`: its words (see [`for_each_word`]) lower-cased and joined with `_` in snake
/// case, capitalized and concatenated in upper camel case. May be empty.
pub(super) fn cased(name: &str, case: Case) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for_each_word(name, |word| {
        if case == Case::Snake && !out.is_empty() {
            out.push('_');
        }
        let start = out.len();
        out.push_str(word);
        // Words are ASCII: casing them in place keeps every byte a character boundary.
        if let Some(word) = out.get_mut(start..) {
            word.make_ascii_lowercase();
        }
        if let Some(first) = out
            .get_mut(start..=start)
            .filter(|_| case == Case::UpperCamel)
        {
            first.make_ascii_uppercase();
        }
    });
    out
}

/// Calls `word` on each word of `name`, in order. Words are runs of ASCII letters and digits
/// (looked for byte by byte: every byte of a non-ASCII character separates words too), further
/// split where the case changes (see [`split_run`]).
fn for_each_word<'a>(name: &'a str, mut word: impl FnMut(&'a str)) {
    let bytes = name.as_bytes();
    let mut end = 0;
    while end < bytes.len() {
        let start = end;
        while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            end += 1;
        }
        split_run(name.get(start..end).unwrap_or_default(), &mut word);
        end += 1;
    }
}

/// Splits one run of ASCII letters and digits: a word ends after a lower-case letter followed by
/// an upper-case one (`alert|Incidents`), and before the last upper-case letter of a run that
/// is followed by a lower-case one (`HTTP|Server`). Digits keep the case of the letter before.
fn split_run<'a>(run: &'a str, word: &mut impl FnMut(&'a str)) {
    if run.is_empty() {
        return;
    }
    let (mut start, mut mode) = (0, Mode::Boundary);
    for (i, pair) in run.as_bytes().windows(2).enumerate() {
        let &[c, next] = pair else { continue };
        let mode_with_c = if c.is_ascii_lowercase() {
            Mode::Lower
        } else if c.is_ascii_uppercase() {
            Mode::Upper
        } else {
            mode
        };
        if mode_with_c == Mode::Lower && next.is_ascii_uppercase() {
            word(run.get(start..=i).unwrap_or_default());
            (start, mode) = (i + 1, Mode::Boundary);
        } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
            word(run.get(start..i).unwrap_or_default());
            (start, mode) = (i, Mode::Boundary);
        } else {
            mode = mode_with_c;
        }
    }
    word(run.get(start..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(name: &str) -> Vec<&str> {
        let mut words = Vec::new();
        for_each_word(name, |w| words.push(w));
        words
    }

    #[test]
    fn splits_where_heck_splits() {
        assert_eq!(words("alertIncidents"), ["alert", "Incidents"]);
        assert_eq!(words("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(words("@odata.type"), ["odata", "type"]);
        assert_eq!(words("ipv4Address"), ["ipv4", "Address"]);
        assert_eq!(words("3dModel"), ["3d", "Model"]);
        assert_eq!(words("a1B"), ["a1", "B"]);
        assert_eq!(words("ABc"), ["A", "Bc"]);
        assert_eq!(words("__"), Vec::<&str>::new());
    }

    #[test]
    fn joins_in_each_case() {
        assert_eq!(
            cased("roleManagementAlerts", Case::Snake),
            "role_management_alerts"
        );
        assert_eq!(
            cased("roleManagementAlerts", Case::UpperCamel),
            "RoleManagementAlerts"
        );
        assert_eq!(cased("SMSSignIn", Case::Snake), "sms_sign_in");
        assert_eq!(cased("SMSSignIn", Case::UpperCamel), "SmsSignIn");
        assert_eq!(cased("-", Case::Snake), "");
    }
}
