//! Splits a name into words and joins them in one case, exactly as `heck` 0.5 does on the name
//! with every character that is not an ASCII letter or digit turned into a space.
//!
//! Words are runs of ASCII letters and digits, looked for byte by byte (every other byte,
//! including each byte of a non-ASCII character, separates words), split further where the case
//! changes. `heck` formats its output one character at a time through `fmt::Write` (about 0.5 µs
//! per name, 12 ms for the full Graph beta document); this module makes the same split in one
//! pass over the bytes, writing each byte cased straight into the output, with `heck` itself as
//! the test oracle (see the tests below and `tests/naming_heck.rs`).

use super::Case;

/// The case of the last cased letter since the last word boundary (`heck`'s `WordMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// At a word boundary: no letter since the last one (only digits, or nothing), or just
    /// past the split inside a run of capitals (`HTTP|Server`, with `S` already in the word).
    Boundary,
    /// The last letter was lower case.
    Lower,
    /// The last letter was upper case.
    Upper,
}

/// What a byte is for word splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Not an ASCII letter or digit (including every byte of a non-ASCII character).
    Separator,
    Digit,
    Lower,
    Upper,
}

/// The [`Class`] of every byte, looked up once per byte.
static CLASSES: [Class; 256] = {
    let mut classes = [Class::Separator; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = match byte as u8 {
            b'0'..=b'9' => Class::Digit,
            b'a'..=b'z' => Class::Lower,
            b'A'..=b'Z' => Class::Upper,
            _ => Class::Separator,
        };
        byte += 1;
    }
    classes
};

/// What one byte of a name is, as [`Splitter::step`] finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Byte {
    /// Not an ASCII letter or digit: it separates words and is dropped.
    Separator,
    /// The first byte of a word.
    WordStart,
    /// A later byte of a word.
    InWord,
}

/// `heck`'s word-splitting state machine, fed the class of one byte at a time with that of
/// the byte after it.
///
/// A word ends after a lower-case letter followed by an upper-case one (`alert|Incidents`),
/// and before the last upper-case letter of a run that is followed by a lower-case one
/// (`HTTP|Server`). Digits keep the case of the letter before.
struct Splitter {
    mode: Mode,
    /// Whether the next letter or digit starts a word.
    at_boundary: bool,
}

impl Splitter {
    fn new() -> Self {
        Splitter {
            mode: Mode::Boundary,
            at_boundary: true,
        }
    }

    /// Classifies a byte of class `class`, followed in the name by one of class `next` (a
    /// separator at the end).
    fn step(&mut self, class: Class, next: Class) -> Byte {
        let starts_word = match class {
            Class::Separator => {
                (self.mode, self.at_boundary) = (Mode::Boundary, true);
                return Byte::Separator;
            }
            // `HTTP|Server`: heck leaves the mode at `Boundary` after this split.
            Class::Upper if self.mode == Mode::Upper && next == Class::Lower => {
                self.mode = Mode::Boundary;
                true
            }
            Class::Upper => {
                self.mode = Mode::Upper;
                self.at_boundary
            }
            Class::Lower => {
                self.mode = Mode::Lower;
                self.at_boundary
            }
            Class::Digit => self.at_boundary,
        };
        // `alert|Incidents`: the next byte starts a word.
        self.at_boundary = self.mode == Mode::Lower && next == Class::Upper;
        if self.at_boundary {
            self.mode = Mode::Boundary;
        }
        match starts_word {
            true => Byte::WordStart,
            false => Byte::InWord,
        }
    }
}

/// Calls `visit` on each byte of `name` with what [`Splitter::step`] finds it to be.
fn for_each_byte(name: &str, mut visit: impl FnMut(u8, Byte)) {
    let class = |byte: &u8| CLASSES[usize::from(*byte)];
    let mut splitter = Splitter::new();
    let mut bytes = name.as_bytes().iter();
    let mut current = bytes.next();
    while let Some(byte) = current {
        let following = bytes.next();
        let next = following.map_or(Class::Separator, class);
        visit(*byte, splitter.step(class(byte), next));
        current = following;
    }
}

/// `name` in `case`: its words lower-cased and joined with `_` in snake case, capitalized and
/// concatenated in upper camel case. May be empty.
pub(super) fn cased(name: &str, case: Case) -> String {
    // Snake case adds a `_` per word break: room for one per four bytes (growing past it costs
    // a reallocation, nothing more); upper camel case never grows.
    let extra = match case {
        Case::Snake => name.len() / 4 + 2,
        Case::UpperCamel => 2,
    };
    let mut out = String::with_capacity(name.len() + extra);
    for_each_byte(name, |byte, kind| match kind {
        Byte::Separator => {}
        Byte::InWord => out.push(lower(byte)),
        Byte::WordStart => match case {
            Case::Snake if out.is_empty() => out.push(lower(byte)),
            Case::Snake => {
                out.push('_');
                out.push(lower(byte));
            }
            Case::UpperCamel => out.push(upper(byte)),
        },
    });
    out
}

/// An ASCII letter or digit in lower case: setting bit 5 lower-cases a letter and keeps a digit
/// (`0`..`9` have it set). Masking with 0x7f tells the compiler the char is ASCII, so pushing it
/// writes one byte.
fn lower(byte: u8) -> char {
    char::from((byte | 0x20) & 0x7f)
}

/// An ASCII letter or digit in upper case (see [`lower`]).
fn upper(byte: u8) -> char {
    char::from(byte.to_ascii_uppercase() & 0x7f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `name`, as slices of it.
    fn words(name: &str) -> Vec<&str> {
        let mut starts_and_ends = Vec::new();
        let (mut i, mut start) = (0, None);
        for_each_byte(name, |_, kind| {
            if kind != Byte::InWord {
                starts_and_ends.extend(start.take().map(|s| (s, i)));
            }
            if kind == Byte::WordStart {
                start = Some(i);
            }
            i += 1;
        });
        starts_and_ends.extend(start.map(|s| (s, name.len())));
        (starts_and_ends.into_iter())
            .map(|(start, end)| &name[start..end])
            .collect()
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
